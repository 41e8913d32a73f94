package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * A differentiable measure of how far predictions are from targets: Keras's {@code Loss},
 * PyTorch's loss modules. The result has a gradient with respect to the predictions, so
 * {@code loss.apply(model.forward(x), y).backward()} trains the model.
 *
 * <p>The argument order is PyTorch's, {@code loss(input, target)}: predictions first.
 * Keras's {@code loss(y_true, y_pred)} is the other way round.
 *
 * <p>Every built-in loss is an immutable record. Options come with the constructor
 * ({@code new Huber(2f, Reduction.SUM)}) or, for losses with several, from methods named after
 * them that each return a changed copy:
 * {@code new CategoricalCrossEntropy().fromLogits(true).labelSmoothing(0.1f)}.
 * {@link Losses#byName(String)} finds one by its Keras name.
 */
@FunctionalInterface
public interface Loss {

    /**
     * The loss of {@code predictions} against {@code targets}, reduced as the loss's
     * {@link Reduction} says: a scalar for {@link Reduction#MEAN} and {@link Reduction#SUM},
     * one value per element or per sample for {@link Reduction#NONE}.
     */
    Tensor apply(Tensor predictions, Tensor targets);

    /**
     * The loss over the real steps of padded sequences only (Keras's mask as sample weights):
     * {@code mask} {@code [N, T]} (1 for a real step, 0 for padding; null for none) weighs the
     * values {@link Reduction#NONE} gives, {@code [N, T, ...]} (per-step labels {@code [N, T]} and
     * predictions {@code [N, T, classes]}, or per-step values). {@link Reduction#MEAN} divides by
     * the real steps (times the values per step), so a padded batch gives the loss of its
     * sequences unpadded; {@link Reduction#SUM} sums the real steps; {@link Reduction#NONE} gives
     * the values with padding zeroed. The mean divides by the count of real steps also when the
     * loss weighs classes (Keras's rule, where PyTorch's {@code ignore_index} divides by their
     * weights); 0 when no step is real.
     *
     * @throws IllegalArgumentException when the mask does not cover the first axes of the values
     */
    default Tensor apply(Tensor predictions, Tensor targets, Tensor mask) {
        if (mask == null) {
            return apply(predictions, targets);
        }
        return LossMasks.reduce(getClass().getSimpleName(), reduction(),
                withReduction(Reduction.NONE).apply(predictions, targets), mask);
    }

    /**
     * How the values are combined ({@link Reduction#MEAN} unless the loss says otherwise; every
     * built-in loss has it as a record component).
     */
    default Reduction reduction() {
        return Reduction.MEAN;
    }

    /**
     * This loss with another reduction, e.g. {@link Reduction#NONE} for the per-sample
     * values that sample and class weights need. Every built-in loss supports it; a loss
     * written as a lambda has only its own reduction.
     */
    default Loss withReduction(Reduction reduction) {
        throw new IllegalArgumentException("this loss (" + getClass().getSimpleName() + ") cannot change its"
                + " reduction; use a built-in loss from dev.nabla.loss, or implement withReduction");
    }
}
