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
     * This loss with another reduction, e.g. {@link Reduction#NONE} for the per-sample
     * values that sample and class weights need. Every built-in loss supports it; a loss
     * written as a lambda has only its own reduction.
     */
    default Loss withReduction(Reduction reduction) {
        throw new IllegalArgumentException("this loss (" + getClass().getSimpleName() + ") cannot change its"
                + " reduction; use a built-in loss from dev.nabla.loss, or implement withReduction");
    }
}
