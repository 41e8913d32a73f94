package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The Huber loss of each element's difference d = prediction − target: {@code 0.5·d²} where
 * {@code |d| ≤ delta}, {@code delta·(|d| − 0.5·delta)} beyond. Quadratic near the target and
 * linear far from it, so outliers pull with a bounded gradient. Keras's {@code Huber}
 * ({@code "huber"}), PyTorch's {@code HuberLoss}; both use delta = 1 by default. See
 * {@link SmoothL1} for PyTorch's {@code SmoothL1Loss}, which is this loss divided by delta.
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape, as PyTorch does.
 */
public record Huber(float delta, Reduction reduction) implements Loss {

    private static final String NAME = "Huber";

    public Huber {
        if (!(delta > 0f) || Float.isInfinite(delta)) {
            throw new IllegalArgumentException(NAME + ": delta must be positive and finite, got " + delta);
        }
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** delta = 1, mean over all elements. */
    public Huber() {
        this(1f, Reduction.MEAN);
    }

    /** The given delta, mean over all elements. */
    public Huber(float delta) {
        this(delta, Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        return reduction.reduce(LossSupport.huber(predictions.sub(targets), delta));
    }

    @Override
    public Huber withReduction(Reduction value) {
        return new Huber(delta, value);
    }
}
