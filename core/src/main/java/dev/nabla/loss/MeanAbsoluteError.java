package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The absolute difference {@code |prediction − target|} of each element: Keras's
 * {@code MeanAbsoluteError} ({@code "mae"}), PyTorch's {@code L1Loss}. Its gradient is
 * the sign of the difference (0 where prediction and target are equal).
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape, as PyTorch does.
 */
public record MeanAbsoluteError(Reduction reduction) implements Loss {

    private static final String NAME = "MeanAbsoluteError";

    public MeanAbsoluteError {
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** The mean over all elements. */
    public MeanAbsoluteError() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        return reduction.reduce(predictions.sub(targets).abs());
    }

    @Override
    public MeanAbsoluteError withReduction(Reduction value) {
        return new MeanAbsoluteError(value);
    }
}
