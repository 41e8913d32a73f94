package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The Kullback–Leibler divergence of the predicted distribution from the target one, one
 * value per sample: {@code Σ_c t_c·(log t_c − log p_c)} over the class axis (the last),
 * with {@code 0·log 0 = 0}. Keras's {@code KLDivergence} ({@code "kl_divergence"}).
 *
 * <p>Nabla follows Keras's convention: predictions and targets are both probabilities, and
 * {@link Reduction#MEAN} averages over samples. Predictions are clamped to [1e-7, 1] before
 * the log as in Keras; targets are used as they are (Keras clamps them too, which adds about
 * 1e-7·log 1e-7 per zero target).
 *
 * <p>PyTorch's {@code KLDivLoss} takes log-probabilities instead: use
 * {@link #fromLogits(boolean) fromLogits(true)}, which applies logSoftmax to the predictions
 * and so accepts logits and log-probabilities alike (logSoftmax leaves log-probabilities
 * unchanged). {@link Reduction#MEAN} then equals PyTorch's {@code reduction='batchmean'}, the
 * mathematically correct one; PyTorch's {@code 'mean'} divides by the number of elements.
 *
 * <p>Shapes: predictions and targets {@code [..., classes]} → one value per sample
 * {@code [...]} for {@link Reduction#NONE}.
 */
public record KullbackLeiblerDivergence(boolean fromLogits, Reduction reduction) implements Loss {

    private static final String NAME = "KullbackLeiblerDivergence";

    public KullbackLeiblerDivergence {
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, mean over samples. */
    public KullbackLeiblerDivergence() {
        this(false, Reduction.MEAN);
    }

    /** A copy that reads predictions as logits or log-probabilities (true) or probabilities (false). */
    public KullbackLeiblerDivergence fromLogits(boolean value) {
        return new KullbackLeiblerDivergence(value, reduction);
    }

    /** A copy with the given reduction. */
    public KullbackLeiblerDivergence reduction(Reduction value) {
        return new KullbackLeiblerDivergence(fromLogits, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.classCount(NAME, predictions);
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        Tensor logP = fromLogits ? predictions.logSoftmax(-1) : predictions.clamp(LossSupport.EPSILON, 1f).log();
        Tensor terms = LossSupport.entropyTerm(targets).sub(targets.mul(logP));
        return reduction.reduce(terms.sum(-1));
    }

    @Override
    public KullbackLeiblerDivergence withReduction(Reduction value) {
        return reduction(value);
    }
}
