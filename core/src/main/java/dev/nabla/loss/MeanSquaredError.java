package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The squared difference {@code (prediction − target)²} of each element: Keras's
 * {@code MeanSquaredError} ({@code "mse"}), PyTorch's {@code MSELoss}.
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape, as PyTorch does (Keras averages over the last axis first; the
 * {@link Reduction#MEAN} result is the same either way).
 */
public record MeanSquaredError(Reduction reduction) implements Loss {

    private static final String NAME = "MeanSquaredError";

    public MeanSquaredError {
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** The mean over all elements. */
    public MeanSquaredError() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        Tensor difference = predictions.sub(targets);
        return reduction.reduce(difference.mul(difference));
    }

    @Override
    public MeanSquaredError withReduction(Reduction value) {
        return new MeanSquaredError(value);
    }
}
