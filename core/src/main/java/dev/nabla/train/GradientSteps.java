package dev.nabla.train;

import dev.nabla.optim.GradientAccumulator;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;

/**
 * The gradient side of {@link Model}'s steps: the backward pass (divided for accumulation),
 * then clipping and the optimizer's update once a group of batches is complete, counting the
 * updates. Holds the current {@code fit}'s {@link GradientOptions}.
 */
final class GradientSteps {

    private GradientOptions options = GradientOptions.NONE;
    private GradientAccumulator accumulator;
    private boolean lastBatchOfEpoch;
    private long updates;

    /** Uses {@code value} until {@link #end}; the optimizer is the one stepped. */
    void begin(Optimizer optimizer, GradientOptions value) {
        options = value;
        int steps = value.accumulationSteps();
        accumulator = steps == 1 ? null : new GradientAccumulator(optimizer, steps);
    }

    /**
     * Back to plain steps (outside {@code fit}); the gradients of a group cut short by a stop
     * are dropped, as a stopped run takes no further step (and they may be what stopped it).
     */
    void end(Optimizer optimizer) {
        if (accumulator != null && accumulator.accumulated() > 0) {
            optimizer.zeroGrad();
        }
        options = GradientOptions.NONE;
        accumulator = null;
    }

    /** Whether the batch being trained is its epoch's last, whose update takes a shorter group. */
    void lastBatchOfEpoch(boolean value) {
        lastBatchOfEpoch = value;
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
        if (accumulator == null) {
            options.clip(optimizer.parameters());
            optimizer.step();
            optimizer.zeroGrad();
        } else if (accumulator.accumulated() >= options.accumulationSteps()
                || (lastBatchOfEpoch && accumulator.accumulated() > 0)) {
            accumulator.step(() -> options.clip(optimizer.parameters()));
        } else {
            return false;
        }
        updates++;
        return true;
    }

    long updates() {
        return updates;
    }
}
