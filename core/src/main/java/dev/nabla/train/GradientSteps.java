package dev.nabla.train;

import dev.nabla.optim.GradientAccumulator;
import dev.nabla.optim.LossScaler;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import java.util.Collection;
import java.util.Map;

/**
 * The gradient side of {@link Model}'s steps: the backward pass (divided for accumulation),
 * then clipping and the optimizer's update once a group of batches is complete, counting the
 * updates. Holds the current {@code fit}'s {@link GradientOptions}. A batch whose step updates
 * several optimizers (a GAN's two) counts as one update. With loss scaling the scaler lives
 * across {@code fit} calls (as a checkpoint restores it) while the options keep asking for the
 * same scaling; a step skipped for an infinite gradient is not an update.
 */
final class GradientSteps {

    private GradientOptions options = GradientOptions.NONE;
    private GradientAccumulator accumulator;
    private Optimizer accumulated;
    private boolean lastBatchOfEpoch;
    private boolean inBatch;
    private boolean counted;
    private long updates;
    private LossScaler scaler;
    private LossScaler kept;
    private float restoredScale = Float.NaN;
    private long restoredSteps;
    private Runnable gradientObserver = () -> { };

    /**
     * Uses {@code value} until {@link #end} for these optimizers.
     *
     * @throws IllegalArgumentException for accumulation with several optimizers, whose steps
     *     may back-propagate several losses per batch
     */
    void begin(Collection<Optimizer> optimizers, GradientOptions value) {
        int steps = value.accumulationSteps();
        if (steps > 1 && optimizers.size() != 1) {
            throw new IllegalArgumentException("fit: gradient accumulation works with one optimizer; this model has "
                    + optimizers.size());
        }
        options = value;
        if (value.lossScaling() == null) {
            scaler = null;
        } else {
            if (kept == null || !kept.options().equals(value.lossScaling())) {
                kept = value.lossScaling().newScaler();
            }
            if (!Float.isNaN(restoredScale)) {
                kept.restore(restoredScale, restoredSteps);
                restoredScale = Float.NaN;
            }
            scaler = kept;
        }
        accumulated = steps == 1 ? null : optimizers.iterator().next();
        accumulator = steps == 1 ? null : new GradientAccumulator(accumulated, steps);
    }

    /**
     * Back to plain steps (outside {@code fit}); the gradients of a group cut short by a stop
     * are dropped, as a stopped run takes no further step (and they may be what stopped it).
     */
    void end() {
        if (accumulator != null && accumulator.accumulated() > 0) {
            accumulated.zeroGrad();
        }
        options = GradientOptions.NONE;
        scaler = null;
        accumulator = null;
        accumulated = null;
        inBatch = false;
        gradientObserver = () -> { };
    }

    /** Runs {@code observer} in each {@link #apply} before clipping and stepping, until {@link #end} ({@link Callback#onGradients}). */
    void observeGradients(Runnable observer) {
        gradientObserver = observer;
    }

    /** A batch of {@code fit} begins; {@code last} if it is its epoch's last, whose update takes a shorter group. */
    void beginBatch(boolean last) {
        lastBatchOfEpoch = last;
        inBatch = true;
        counted = false;
    }

    void backward(Tensor loss) {
        if (scaler != null) {
            loss = scaler.scale(loss);
        }
        if (accumulator == null) {
            loss.backward();
        } else {
            accumulator.backward(loss);
        }
    }

    /** Clips, steps and zeroes when the group is complete (each batch without accumulation); returns whether it did. */
    boolean apply(Optimizer optimizer) {
        gradientObserver.run();
        boolean updated;
        if (accumulator == null || optimizer != accumulated) {
            updated = unscaleAndClip(optimizer);
            if (updated) {
                optimizer.step();
            }
            optimizer.zeroGrad();
        } else if (accumulator.accumulated() >= options.accumulationSteps()
                || (lastBatchOfEpoch && accumulator.accumulated() > 0)) {
            updated = accumulator.step(() -> unscaleAndClip(optimizer));
        } else {
            return false;
        }
        if (scaler != null) {
            scaler.update(updated);
        }
        if (!updated) {
            return false;
        }
        if (!inBatch || !counted) {
            updates++;
            counted = true;
        }
        return true;
    }

    /** Unscales (when scaling) and clips the gradients; false when one is infinite or NaN and the update must be skipped. */
    private boolean unscaleAndClip(Optimizer optimizer) {
        if (scaler != null && !scaler.unscale(optimizer.parameters())) {
            return false;
        }
        options.clip(optimizer.parameters());
        return true;
    }

    /** The loss scaler of the current {@code fit}, or null outside one or without scaling. */
    LossScaler scaler() {
        return scaler;
    }

    /**
     * Continues from a checkpoint's training state ({@link ModelCheckpoint}): the update count,
     * and the loss scale for the next {@code fit} that scales.
     */
    void restore(Map<String, String> state) {
        String step = state.get(ModelCheckpoint.GLOBAL_STEP);
        if (step != null) {
            updates = Long.parseLong(step);
        }
        String scale = state.get(ModelCheckpoint.LOSS_SCALE);
        if (scale != null) {
            restoredScale = Float.parseFloat(scale);
            restoredSteps = Long.parseLong(state.getOrDefault(ModelCheckpoint.LOSS_SCALE_FINITE_STEPS, "0"));
        }
    }

    long updates() {
        return updates;
    }

}
