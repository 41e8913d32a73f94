package dev.nabla.loss;

import dev.nabla.tensor.SoftmaxCrossEntropy;
import dev.nabla.tensor.Tensor;

/**
 * Cross-entropy against integer class labels, one value per sample: {@code −w_y·log p_y},
 * where y is the sample's label. Keras's {@code SparseCategoricalCrossentropy}
 * ({@code "sparse_categorical_crossentropy"}), PyTorch's {@code CrossEntropyLoss} (from
 * logits) and {@code NLLLoss} (on log-probabilities) with class-index targets.
 *
 * <ul>
 *   <li>{@link #fromLogits(boolean) fromLogits}: predictions are logits and go through
 *       logSoftmax, finite for logits of any size, fused with the loss into one op
 *       ({@link SoftmaxCrossEntropy}); otherwise they are probabilities, clamped
 *       to [1e-7, 1 − 1e-7] before the log as in Keras.</li>
 *   <li>{@link #labelSmoothing(float) labelSmoothing} ε (PyTorch's {@code label_smoothing}): the
 *       target is (1 − ε) on the label plus ε/C spread over all C classes, so each sample's loss
 *       is {@code (1 − ε)·(−w_y·log p_y) + ε/C·Σ_c (−w_c·log p_c)}, as PyTorch's
 *       {@code cross_entropy} computes it, class weights included.</li>
 *   <li>{@link #classWeights(Tensor) classWeights}: one weight per class, for imbalanced data,
 *       with PyTorch's weighted mean: {@link Reduction#MEAN} gives {@code Σ w_i·l_i / Σ w_i}.</li>
 *   <li>{@link #ignoreIndex(int) ignoreIndex} (PyTorch's {@code ignore_index}, Keras's
 *       {@code ignore_class}): samples with this label add nothing and do not count in the
 *       mean. When every sample is ignored the mean is 0 (PyTorch gives NaN).</li>
 * </ul>
 *
 * <p>Shapes: predictions {@code [..., classes]} (class axis last, as in Keras), labels
 * {@code [...]} or {@code [..., 1]} holding class indices → one loss per sample {@code [...]}
 * for {@link Reduction#NONE}, 0 for ignored samples.
 *
 * @param classWeights one weight per class, shape [classes], or null for none
 * @param ignoreIndex the label of samples to skip, or null for none
 */
public record SparseCategoricalCrossEntropy(boolean fromLogits, float labelSmoothing, Tensor classWeights,
                                            Integer ignoreIndex, Reduction reduction) implements Loss {

    private static final String NAME = "SparseCategoricalCrossEntropy";

    public SparseCategoricalCrossEntropy {
        LossSupport.requireNonNull(NAME, "reduction", reduction);
        LossSupport.requireFraction(NAME, "labelSmoothing", labelSmoothing);
    }

    /** From probabilities, no smoothing, no weights, nothing ignored, mean over samples. */
    public SparseCategoricalCrossEntropy() {
        this(false, 0f, null, null, Reduction.MEAN);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public SparseCategoricalCrossEntropy fromLogits(boolean value) {
        return new SparseCategoricalCrossEntropy(value, labelSmoothing, classWeights, ignoreIndex, reduction);
    }

    /** A copy that smooths the one-hot target by {@code amount} in [0, 1]: (1 − amount) on the label, amount/C on every class. */
    public SparseCategoricalCrossEntropy labelSmoothing(float amount) {
        return new SparseCategoricalCrossEntropy(fromLogits, amount, classWeights, ignoreIndex, reduction);
    }

    /** A copy that weighs each sample by its class's weight: weights of shape [classes]. */
    public SparseCategoricalCrossEntropy classWeights(Tensor weights) {
        return new SparseCategoricalCrossEntropy(fromLogits, labelSmoothing, weights, ignoreIndex, reduction);
    }

    /** A copy that skips samples labelled {@code label} (PyTorch uses −100 for padding). */
    public SparseCategoricalCrossEntropy ignoreIndex(int label) {
        return new SparseCategoricalCrossEntropy(fromLogits, labelSmoothing, classWeights, label, reduction);
    }

    /** A copy with the given reduction. */
    public SparseCategoricalCrossEntropy reduction(Reduction value) {
        return new SparseCategoricalCrossEntropy(fromLogits, labelSmoothing, classWeights, ignoreIndex, value);
    }

    /** {@code labels} are class indices, in any dtype holding whole numbers. */
    @Override
    public Tensor apply(Tensor predictions, Tensor labels) {
        Tensor y = LossSupport.classLabels(NAME, predictions, labels, ignoreIndex);
        Tensor kept = ignoreIndex == null ? null : y.ne(Tensor.scalar(ignoreIndex));
        Tensor index = kept == null ? y : Tensor.where(kept, y, Tensor.scalar(0f));
        Tensor perClass = null;
        Tensor weights = kept;
        if (classWeights != null) {
            LossSupport.requireClassWeights(NAME, "classWeights", classWeights, predictions);
            perClass = classWeights.reshape(-1).expand(predictions.dim(-1));
            Tensor perSample = perClass.indexSelect(0, index.flatten()).reshape(y.shape().toArray());
            weights = kept == null ? perSample : perSample.mul(kept);
        }
        Tensor losses = labelSmoothing > 0f ? smoothed(predictions, index, perClass, weights, kept)
                : weighted(labelLosses(predictions, index), weights);
        if (weights == null || reduction != Reduction.MEAN) {
            return reduction.reduce(losses);
        }
        return losses.sum().div(weights.sum().maximum(Tensor.scalar(Float.MIN_NORMAL)));
    }

    /** −log p_y per sample, fused with the softmax when the predictions are logits. */
    private Tensor labelLosses(Tensor predictions, Tensor index) {
        return fromLogits ? SoftmaxCrossEntropy.perSample(predictions, index)
                : LossSupport.logProbabilities(predictions, false).gather(-1, index.unsqueeze(-1)).squeeze(-1).neg();
    }

    /** (1 − ε)·w_y·(−log p_y) + ε/C·Σ_c w_c·(−log p_c), 0 for ignored samples. */
    private Tensor smoothed(Tensor predictions, Tensor index, Tensor perClass, Tensor labelWeights, Tensor kept) {
        Tensor logP = LossSupport.logProbabilities(predictions, fromLogits);
        Tensor labelTerm = weighted(logP.gather(-1, index.unsqueeze(-1)).squeeze(-1).neg(), labelWeights);
        Tensor spread = weighted((perClass == null ? logP : logP.mul(perClass)).sum(-1).neg(), kept);
        float classes = predictions.dim(-1);
        return labelTerm.mul(1f - labelSmoothing).add(spread.mul(labelSmoothing / classes));
    }

    private static Tensor weighted(Tensor losses, Tensor weights) {
        return weights == null ? losses : losses.mul(weights);
    }

    @Override
    public SparseCategoricalCrossEntropy withReduction(Reduction value) {
        return reduction(value);
    }
}
