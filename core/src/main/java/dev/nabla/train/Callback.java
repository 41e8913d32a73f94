package dev.nabla.train;

import java.util.Map;

/**
 * Hooks into {@link Model#fit} (Keras's {@code Callback}); every method does nothing by
 * default, so a callback overrides only what it needs. {@code logs} hold the running
 * loss and metrics (and {@code val_...} entries at the end of an epoch with validation).
 */
public interface Callback {

    /** Called once before training, with the model being trained. */
    default void onTrainBegin(Model model) {
    }

    /** Called once after training (also after an early stop). */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /** Called before each epoch (numbered from 0). */
    default void onEpochBegin(int epoch) {
    }

    /** Called after each epoch with its final logs, validation included. */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Called before each training batch (numbered from 0 within the epoch). */
    default void onTrainBatchBegin(int batch) {
    }

    /**
     * Called in each training step after the backward pass, before clipping and the
     * optimizer's update, while every parameter's {@code grad()} holds its gradient (with
     * gradient accumulation, the sum so far; with loss scaling, still scaled): the one moment
     * a callback can read gradients, for their norms or histograms. Must not change them.
     */
    default void onGradients(Model model) {
    }

    /** Called after each training batch with the running logs. */
    default void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}
