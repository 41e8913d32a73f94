package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * Focal loss for yes/no outputs (Lin et al., 2017): binary cross-entropy scaled by
 * {@code (1 − p_t)^gamma}, where p_t is the probability given to the true answer, so that
 * well-classified elements count less and training focuses on the hard ones. For each
 * element: {@code a_t·(1 − p_t)^gamma·BCE(p, y)}, with {@code p_t = y·p + (1 − y)·(1 − p)}
 * and, when class balancing is on, {@code a_t = y·alpha + (1 − y)·(1 − alpha)}.
 * Keras's {@code BinaryFocalCrossentropy} ({@code "binary_focal_crossentropy"}); PyTorch has it
 * as torchvision's {@code sigmoid_focal_loss}, not in core.
 *
 * <ul>
 *   <li>Defaults follow Keras: gamma = 2, no class balancing. Setting {@link #alpha(float)}
 *       turns balancing on (torchvision always balances, with alpha = 0.25).</li>
 *   <li>{@link #fromLogits(boolean) fromLogits}: predictions are logits, handled in log space
 *       so any size gives finite losses and gradients; otherwise probabilities, clamped to
 *       [1e-7, 1 − 1e-7] as in Keras.</li>
 * </ul>
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape, as torchvision does.
 *
 * @param gamma the focusing exponent, ≥ 0; 0 gives plain (balanced) binary cross-entropy
 * @param alpha the weight of the positive class in [0, 1], used when classBalancing is on
 */
public record BinaryFocalLoss(boolean fromLogits, float gamma, boolean classBalancing, float alpha,
                              Reduction reduction) implements Loss {

    private static final String NAME = "BinaryFocalLoss";

    public BinaryFocalLoss {
        LossSupport.requireNonNegative(NAME, "gamma", gamma);
        LossSupport.requireFraction(NAME, "alpha", alpha);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, gamma = 2, no class balancing, mean over all elements. */
    public BinaryFocalLoss() {
        this(false, 2f, false, 0.25f, Reduction.MEAN);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public BinaryFocalLoss fromLogits(boolean value) {
        return new BinaryFocalLoss(value, gamma, classBalancing, alpha, reduction);
    }

    /** A copy with the given focusing exponent. */
    public BinaryFocalLoss gamma(float value) {
        return new BinaryFocalLoss(fromLogits, value, classBalancing, alpha, reduction);
    }

    /** A copy that balances classes: positives weigh alpha, negatives 1 − alpha. */
    public BinaryFocalLoss alpha(float value) {
        return new BinaryFocalLoss(fromLogits, gamma, true, value, reduction);
    }

    /** A copy with the given reduction. */
    public BinaryFocalLoss reduction(Reduction value) {
        return new BinaryFocalLoss(fromLogits, gamma, classBalancing, alpha, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        LossSupport.BinaryLogs logs = LossSupport.binaryLogs(predictions, fromLogits);
        Tensor notTargets = targets.neg().add(1f);
        Tensor crossEntropy = targets.mul(logs.positive()).add(notTargets.mul(logs.negative())).neg();
        // 1 − p_t = y·(1 − p) + (1 − y)·p, from the logs so that it is exact for large logits.
        Tensor missed = targets.mul(logs.negative().exp()).add(notTargets.mul(logs.positive().exp()));
        Tensor losses = LossSupport.focalFactor(missed, gamma).mul(crossEntropy);
        if (classBalancing) {
            losses = losses.mul(targets.mul(2f * alpha - 1f).add(1f - alpha));
        }
        return reduction.reduce(losses);
    }

    @Override
    public BinaryFocalLoss withReduction(Reduction value) {
        return reduction(value);
    }
}
