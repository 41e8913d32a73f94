package dev.nabla.train;

import dev.nabla.optim.GradientAccumulator;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import java.util.Collection;

/**
 * The gradient side of {@link Model}'s steps: the backward pass (divided for accumulation),
 * then clipping and the optimizer's update once a group of batches is complete, counting the
 * updates. Holds the current {@code fit}'s {@link GradientOptions}. A batch whose step updates
 * several optimizers (a GAN's two) counts as one update.
 */
final class GradientSteps {

    private GradientOptions options = GradientOptions.NONE;
    private GradientAccumulator accumulator;
    private Optimizer accumulated;
    private boolean lastBatchOfEpoch;
    private boolean inBatch;
    private boolean counted;
    private long updates;

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
        accumulator = null;
        accumulated = null;
        inBatch = false;
    }

    /** A batch of {@code fit} begins; {@code last} if it is its epoch's last, whose update takes a shorter group. */
    void beginBatch(boolean last) {
        lastBatchOfEpoch = last;
        inBatch = true;
        counted = false;
    }

    void backward(Tensor loss) {
        if (accumulator == null) {
            loss.backward();
        } else {
            accumulator.backward(loss);
        }
    }

    /** Clips, steps and zeroes when the group is complete (each batch without accumulation); returns whether it did. */
    boolean apply(Optimizer optimizer) {
        if (accumulator == null || optimizer != accumulated) {
            options.clip(optimizer.parameters());
            optimizer.step();
            optimizer.zeroGrad();
        } else if (accumulator.accumulated() >= options.accumulationSteps()
                || (lastBatchOfEpoch && accumulator.accumulated() > 0)) {
            accumulator.step(() -> options.clip(optimizer.parameters()));
        } else {
            return false;
        }
        if (!inBatch || !counted) {
            updates++;
            counted = true;
        }
        return true;
    }

    long updates() {
        return updates;
    }

    /** Continues the count from a checkpoint. */
    void setUpdates(long value) {
        updates = value;
    }
}
