package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * Cross-entropy between target distributions and predicted class probabilities, one value
 * per sample: {@code −Σ_c w_c·t_c·log p_c} over the class axis (the last). For one-hot or
 * probability targets: Keras's {@code CategoricalCrossentropy}
 * ({@code "categorical_crossentropy"}), PyTorch's {@code CrossEntropyLoss} with probability
 * targets. For integer labels use {@link SparseCategoricalCrossEntropy}.
 *
 * <ul>
 *   <li>{@link #fromLogits(boolean) fromLogits}: predictions are logits and go through
 *       logSoftmax, finite for logits of any size (PyTorch's {@code CrossEntropyLoss});
 *       otherwise they are probabilities, clamped to [1e-7, 1 − 1e-7] before the log as in
 *       Keras (unlike Keras, they are not rescaled to sum to 1 first).</li>
 *   <li>{@link #labelSmoothing(float) labelSmoothing} s: targets become
 *       {@code t·(1 − s) + s/classes}, the same in Keras and PyTorch.</li>
 *   <li>{@link #classWeights(Tensor) classWeights} w: one weight per class, for imbalanced
 *       data. As in PyTorch with probability targets, {@link Reduction#MEAN} divides by the
 *       number of samples, not by the sum of weights ({@link SparseCategoricalCrossEntropy}
 *       divides by the weights, as PyTorch does for integer labels).</li>
 * </ul>
 *
 * <p>Shapes: predictions and targets {@code [..., classes]} → one loss per sample
 * {@code [...]} for {@link Reduction#NONE}.
 *
 * @param classWeights one weight per class, shape [classes], or null for none
 */
public record CategoricalCrossEntropy(boolean fromLogits, float labelSmoothing, Tensor classWeights,
                                      Reduction reduction) implements Loss {

    private static final String NAME = "CategoricalCrossEntropy";

    public CategoricalCrossEntropy {
        LossSupport.requireFraction(NAME, "labelSmoothing", labelSmoothing);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, no smoothing or weights, mean over samples. */
    public CategoricalCrossEntropy() {
        this(false, 0f, null, Reduction.MEAN);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public CategoricalCrossEntropy fromLogits(boolean value) {
        return new CategoricalCrossEntropy(value, labelSmoothing, classWeights, reduction);
    }

    /** A copy that smooths targets towards the uniform distribution by the given amount in [0, 1]. */
    public CategoricalCrossEntropy labelSmoothing(float amount) {
        return new CategoricalCrossEntropy(fromLogits, amount, classWeights, reduction);
    }

    /** A copy that weighs each class's term: weights of shape [classes]. */
    public CategoricalCrossEntropy classWeights(Tensor weights) {
        return new CategoricalCrossEntropy(fromLogits, labelSmoothing, weights, reduction);
    }

    /** A copy with the given reduction. */
    public CategoricalCrossEntropy reduction(Reduction value) {
        return new CategoricalCrossEntropy(fromLogits, labelSmoothing, classWeights, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        int classes = LossSupport.classCount(NAME, predictions);
        boolean labels = targets.rank() == predictions.rank() - 1;
        LossSupport.requireSameShape(NAME, predictions, targets,
                labels ? "; for integer class labels use SparseCategoricalCrossEntropy" : "",
                labels ? "; for integer class labels use loss: sparse_categorical_crossentropy" : "");
        Tensor t = labelSmoothing == 0f ? targets
                : targets.mul(1f - labelSmoothing).add(labelSmoothing / classes);
        Tensor terms = t.mul(LossSupport.logProbabilities(predictions, fromLogits));
        if (classWeights != null) {
            LossSupport.requireClassWeights(NAME, "classWeights", classWeights, predictions);
            terms = terms.mul(classWeights);
        }
        return reduction.reduce(terms.sum(-1).neg());
    }

    @Override
    public CategoricalCrossEntropy withReduction(Reduction value) {
        return reduction(value);
    }
}
