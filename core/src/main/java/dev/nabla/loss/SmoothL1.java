package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * PyTorch's {@code SmoothL1Loss}: for each element's difference d = prediction − target,
 * {@code 0.5·d²/beta} where {@code |d| < beta}, {@code |d| − 0.5·beta} beyond; beta = 0 gives
 * the plain absolute difference. It is {@link Huber} with delta = beta, divided by beta, so
 * its linear part has slope 1 whatever beta is (Fast R-CNN's box regression loss).
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape.
 */
public record SmoothL1(float beta, Reduction reduction) implements Loss {

    private static final String NAME = "SmoothL1";

    public SmoothL1 {
        LossSupport.requireNonNegative(NAME, "beta", beta);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** beta = 1 (PyTorch's default), mean over all elements. */
    public SmoothL1() {
        this(1f, Reduction.MEAN);
    }

    /** The given beta, mean over all elements. */
    public SmoothL1(float beta) {
        this(beta, Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        Tensor difference = predictions.sub(targets);
        Tensor losses = beta == 0f ? difference.abs() : LossSupport.huber(difference, beta).div(beta);
        return reduction.reduce(losses);
    }

    @Override
    public SmoothL1 withReduction(Reduction value) {
        return new SmoothL1(beta, value);
    }
}
