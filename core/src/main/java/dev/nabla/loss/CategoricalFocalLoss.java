package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * Focal loss for one-of-many classes (Lin et al., 2017): categorical cross-entropy whose
 * class terms are scaled by {@code alpha_c·(1 − p_c)^gamma}, so that well-classified samples
 * count less. Per sample: {@code −Σ_c alpha_c·(1 − p_c)^gamma·t_c·log p_c} over the class
 * axis (the last). Keras's {@code CategoricalFocalCrossentropy}
 * ({@code "categorical_focal_crossentropy"}); not in core PyTorch.
 *
 * <ul>
 *   <li>Defaults follow Keras: gamma = 2, alpha = 0.25 for every class. Alpha may instead give
 *       one weight per class, for imbalanced data.</li>
 *   <li>{@link #fromLogits(boolean) fromLogits}: predictions are logits and go through
 *       logSoftmax, finite for any size (Keras takes a softmax, then clamps); otherwise
 *       probabilities, clamped to [1e-7, 1 − 1e-7] as in Keras (not rescaled to sum to 1).</li>
 * </ul>
 *
 * <p>Shapes: predictions and targets (one-hot or probabilities) {@code [..., classes]} → one
 * loss per sample {@code [...]} for {@link Reduction#NONE}.
 *
 * @param gamma the focusing exponent, ≥ 0; 0 gives alpha-weighted cross-entropy
 * @param alpha one weight for all classes (shape []) or one per class (shape [classes])
 */
public record CategoricalFocalLoss(boolean fromLogits, float gamma, Tensor alpha, Reduction reduction)
        implements Loss {

    private static final String NAME = "CategoricalFocalLoss";

    public CategoricalFocalLoss {
        LossSupport.requireNonNegative(NAME, "gamma", gamma);
        LossSupport.requireNonNull(NAME, "alpha", alpha);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, gamma = 2, alpha = 0.25, mean over samples. */
    public CategoricalFocalLoss() {
        this(false, 2f, Tensor.scalar(0.25f), Reduction.MEAN);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public CategoricalFocalLoss fromLogits(boolean value) {
        return new CategoricalFocalLoss(value, gamma, alpha, reduction);
    }

    /** A copy with the given focusing exponent. */
    public CategoricalFocalLoss gamma(float value) {
        return new CategoricalFocalLoss(fromLogits, value, alpha, reduction);
    }

    /** A copy with one weight for every class. */
    public CategoricalFocalLoss alpha(float value) {
        return alpha(Tensor.scalar(value));
    }

    /** A copy with one weight per class: shape [classes]. */
    public CategoricalFocalLoss alpha(Tensor weights) {
        return new CategoricalFocalLoss(fromLogits, gamma, weights, reduction);
    }

    /** A copy with the given reduction. */
    public CategoricalFocalLoss reduction(Reduction value) {
        return new CategoricalFocalLoss(fromLogits, gamma, alpha, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.classCount(NAME, predictions);
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        if (alpha.size() != 1) {
            LossSupport.requireClassWeights(NAME, "alpha", alpha, predictions);
        }
        Tensor logP = LossSupport.logProbabilities(predictions, fromLogits);
        Tensor focus = LossSupport.focalFactor(logP.exp().neg().add(1f), gamma);
        Tensor terms = focus.mul(alpha).mul(targets).mul(logP);
        return reduction.reduce(terms.sum(-1).neg());
    }

    @Override
    public CategoricalFocalLoss withReduction(Reduction value) {
        return reduction(value);
    }
}
