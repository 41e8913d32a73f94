package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * Binary cross-entropy of each element, for yes/no outputs (one or several independent
 * labels per sample): {@code −(w·y·log p + (1 − y)·log(1 − p))}, where p is the predicted
 * probability of the positive class, y the target in [0, 1] and w the positive-class weight
 * (1 unless set). Keras's {@code BinaryCrossentropy} ({@code "binary_crossentropy"}),
 * PyTorch's {@code BCELoss} and, with {@link #fromLogits(boolean) fromLogits}, its
 * {@code BCEWithLogitsLoss}.
 *
 * <ul>
 *   <li>Probabilities are clamped to [1e-7, 1 − 1e-7] before the log, as in Keras (PyTorch's
 *       {@code BCELoss} instead caps the log at −100).</li>
 *   <li>From logits x the loss is computed as {@code w·y·softplus(−x) + (1 − y)·softplus(x)},
 *       PyTorch's stable form, so logits of any size give finite losses and gradients.</li>
 *   <li>{@link #positiveWeight(Tensor) positiveWeight} is PyTorch's {@code pos_weight}: a
 *       weight above 1 counts missed positives more, for rare positive classes; one value, or
 *       one per output column (the last axis).</li>
 *   <li>{@link #labelSmoothing(float) labelSmoothing} s moves targets towards 0.5 as Keras
 *       does: {@code y·(1 − s) + 0.5·s}.</li>
 * </ul>
 *
 * <p>Predictions and targets have the same shape; {@link Reduction#NONE} returns the loss of
 * each element in that shape, as PyTorch does.
 *
 * @param positiveWeight the weight of the positive term, or null for none
 */
public record BinaryCrossEntropy(boolean fromLogits, float labelSmoothing, Tensor positiveWeight,
                                 Reduction reduction) implements Loss {

    private static final String NAME = "BinaryCrossEntropy";

    public BinaryCrossEntropy {
        LossSupport.requireFraction(NAME, "labelSmoothing", labelSmoothing);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, no smoothing or weight, mean over all elements. */
    public BinaryCrossEntropy() {
        this(false, 0f, null, Reduction.MEAN);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public BinaryCrossEntropy fromLogits(boolean value) {
        return new BinaryCrossEntropy(value, labelSmoothing, positiveWeight, reduction);
    }

    /** A copy that smooths targets towards 0.5 by the given amount in [0, 1]. */
    public BinaryCrossEntropy labelSmoothing(float amount) {
        return new BinaryCrossEntropy(fromLogits, amount, positiveWeight, reduction);
    }

    /** A copy with one weight for the positive term of every element. */
    public BinaryCrossEntropy positiveWeight(float weight) {
        return positiveWeight(Tensor.scalar(weight));
    }

    /** A copy with positive-term weights: one value, or one per column of the last axis. */
    public BinaryCrossEntropy positiveWeight(Tensor weights) {
        return new BinaryCrossEntropy(fromLogits, labelSmoothing, weights, reduction);
    }

    /** A copy with the given reduction. */
    public BinaryCrossEntropy reduction(Reduction value) {
        return new BinaryCrossEntropy(fromLogits, labelSmoothing, positiveWeight, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        if (positiveWeight != null && positiveWeight.size() != 1) {
            LossSupport.requireClassWeights(NAME, "positiveWeight", positiveWeight, predictions);
        }
        Tensor y = labelSmoothing == 0f ? targets : targets.mul(1f - labelSmoothing).add(0.5f * labelSmoothing);
        LossSupport.BinaryLogs logs = LossSupport.binaryLogs(predictions, fromLogits);
        Tensor positive = y.mul(logs.positive());
        if (positiveWeight != null) {
            positive = positive.mul(positiveWeight);
        }
        Tensor negative = y.neg().add(1f).mul(logs.negative());
        return reduction.reduce(positive.add(negative).neg());
    }

    @Override
    public BinaryCrossEntropy withReduction(Reduction value) {
        return reduction(value);
    }
}
