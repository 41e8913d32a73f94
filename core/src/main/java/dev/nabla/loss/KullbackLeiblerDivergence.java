package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The Kullback–Leibler divergence of the predicted distribution from the target one, one
 * value per sample: {@code Σ_c q_c·(log q_c − log p_c)} over the class axis (the last), with
 * {@code 0·log 0 = 0}. Keras's {@code KLDivergence} ({@code "kl_divergence"}) and PyTorch's
 * {@code KLDivLoss}.
 *
 * <p>What the predictions hold is the {@link Input}:
 * <ul>
 *   <li>{@link Input#PROBABILITIES} (the default, Keras's convention): p itself, clamped to
 *       [1e-7, 1] before the log as in Keras (targets are used as they are; Keras clamps them
 *       too, which adds about 1e-7·log 1e-7 per zero target).</li>
 *   <li>{@link Input#LOG_PROBABILITIES} (PyTorch's {@code KLDivLoss}): log p, used as it is,
 *       so the gradient with respect to the input is {@code −q / N}, as PyTorch's.</li>
 *   <li>{@link Input#LOGITS}: raw scores, normalised by logSoftmax first ({@link #fromLogits}).</li>
 * </ul>
 * {@link #logTarget(boolean) logTarget} reads the targets as log q (PyTorch's
 * {@code log_target=True}).
 *
 * <p>Reductions: by default the values are per sample (summed over the class axis), so
 * {@link Reduction#MEAN} is PyTorch's {@code reduction='batchmean'} (the mathematically
 * correct one, for predictions of shape [batch, classes]), {@link Reduction#SUM} its
 * {@code 'sum'}, and {@link Reduction#NONE} gives one value per sample. With
 * {@link #elementwise(boolean) elementwise(true)} the values are PyTorch's per element:
 * {@link Reduction#MEAN} is then PyTorch's {@code 'mean'} (divided by the number of
 * elements) and {@link Reduction#NONE} its {@code 'none'}.
 *
 * <p>Shapes: predictions and targets {@code [..., classes]} → a scalar, or {@code [...]} for
 * {@link Reduction#NONE} ({@code [..., classes]} when elementwise).
 */
public record KullbackLeiblerDivergence(Input input, boolean logTarget, boolean elementwise, Reduction reduction)
        implements Loss {

    /** What the predictions hold. */
    public enum Input {
        /** Probabilities p (Keras). */
        PROBABILITIES,
        /** Log-probabilities log p, taken as they are (PyTorch's {@code KLDivLoss}). */
        LOG_PROBABILITIES,
        /** Unnormalised scores, put through logSoftmax first. */
        LOGITS
    }

    private static final String NAME = "KullbackLeiblerDivergence";

    public KullbackLeiblerDivergence {
        LossSupport.requireNonNull(NAME, "input", input);
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** From probabilities, targets as probabilities, mean over samples. */
    public KullbackLeiblerDivergence() {
        this(Input.PROBABILITIES, false, false, Reduction.MEAN);
    }

    /** PyTorch's {@code KLDivLoss(reduction='batchmean')}: predictions are log-probabilities. */
    public static KullbackLeiblerDivergence pyTorch() {
        return new KullbackLeiblerDivergence().input(Input.LOG_PROBABILITIES);
    }

    /** A copy that reads the predictions as {@code value} says. */
    public KullbackLeiblerDivergence input(Input value) {
        return new KullbackLeiblerDivergence(value, logTarget, elementwise, reduction);
    }

    /** A copy that reads predictions as logits (true) or probabilities (false). */
    public KullbackLeiblerDivergence fromLogits(boolean value) {
        return input(value ? Input.LOGITS : Input.PROBABILITIES);
    }

    /** Whether predictions are logits, normalised by logSoftmax first. */
    public boolean fromLogits() {
        return input == Input.LOGITS;
    }

    /** A copy that reads the targets as log-probabilities (true) or probabilities (false). */
    public KullbackLeiblerDivergence logTarget(boolean value) {
        return new KullbackLeiblerDivergence(input, value, elementwise, reduction);
    }

    /** A copy whose values are per element (PyTorch's 'mean' and 'none') or per sample (false). */
    public KullbackLeiblerDivergence elementwise(boolean value) {
        return new KullbackLeiblerDivergence(input, logTarget, value, reduction);
    }

    /** A copy with the given reduction. */
    public KullbackLeiblerDivergence reduction(Reduction value) {
        return new KullbackLeiblerDivergence(input, logTarget, elementwise, value);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.classCount(NAME, predictions);
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        Tensor logP = switch (input) {
            case PROBABILITIES -> predictions.clamp(LossSupport.EPSILON, 1f).log();
            case LOG_PROBABILITIES -> predictions;
            case LOGITS -> predictions.logSoftmax(-1);
        };
        Tensor terms = logTarget ? targets.exp().mul(targets.sub(logP))
                : LossSupport.entropyTerm(targets).sub(targets.mul(logP));
        return reduction.reduce(elementwise ? terms : terms.sum(-1));
    }

    @Override
    public KullbackLeiblerDivergence withReduction(Reduction value) {
        return reduction(value);
    }
}
