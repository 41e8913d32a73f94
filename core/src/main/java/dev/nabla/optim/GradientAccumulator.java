package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.function.BooleanSupplier;

/**
 * Trains with the gradient of a large batch while holding only micro-batches of it in
 * memory: each micro-batch's loss is back-propagated divided by {@code microBatches}, so
 * that after N of them the gradients are the average, as one batch N times larger would
 * give (for a loss that is a mean over the batch). The same as PyTorch's manual pattern
 * {@code (loss / N).backward()} with a step every N micro-batches, or Keras's
 * {@code gradient_accumulation_steps}.
 *
 * <pre>{@code
 * var accumulator = new GradientAccumulator(optimizer, 4);
 * for (Batch micro : microBatches) {
 *     if (accumulator.backward(lossOf(model.forward(micro.x()), micro.y()))) {
 *         accumulator.step(() -> GradientClipping.clipByGlobalNorm(optimizer.parameters(), 1f));
 *     }
 * }
 * accumulator.step();   // the leftover micro-batches at the end, if any
 * }</pre>
 */
public final class GradientAccumulator {

    private final Optimizer optimizer;
    private final int microBatches;
    private int accumulated;

    /** Accumulates {@code microBatches} micro-batches per optimizer step. */
    public GradientAccumulator(Optimizer optimizer, int microBatches) {
        this.optimizer = optimizer;
        this.microBatches = LearningRateSchedule.checkPositive("GradientAccumulator: microBatches", microBatches);
    }

    /**
     * Back-propagates {@code loss / microBatches}, adding to the parameters' gradients;
     * returns true when {@code microBatches} have been accumulated and it is time to
     * {@link #step()}.
     */
    public boolean backward(Tensor loss) {
        loss.div(microBatches).backward();
        accumulated++;
        return accumulated >= microBatches;
    }

    /**
     * Steps the optimizer on the accumulated gradients and clears them. With fewer than
     * {@code microBatches} accumulated (the end of an epoch) the gradients are rescaled first
     * to the average over those; with none it does nothing.
     */
    public void step() {
        step(() -> { });
    }

    /**
     * As {@link #step()}, running {@code beforeUpdate} on the averaged gradients just before the
     * optimizer uses them: the place for clipping, which must see the average over the group.
     */
    public void step(Runnable beforeUpdate) {
        step(() -> {
            beforeUpdate.run();
            return true;
        });
    }

    /**
     * As {@link #step(Runnable)}, with {@code beforeUpdate} deciding whether the optimizer
     * updates at all: on false the group's gradients are dropped without an update (a loss
     * scaler's step with an infinite gradient). Returns whether it updated.
     */
    public boolean step(BooleanSupplier beforeUpdate) {
        if (accumulated == 0) {
            return false;
        }
        if (accumulated < microBatches) {
            float scale = (float) microBatches / accumulated;
            try (NoGrad ignored = NoGrad.enter()) {
                for (Parameter p : optimizer.parameters()) {
                    if (p.grad() != null) {
                        p.grad().assign(p.grad().mul(scale));
                    }
                }
            }
        }
        boolean update = beforeUpdate.getAsBoolean();
        if (update) {
            optimizer.step();
        }
        optimizer.zeroGrad();
        accumulated = 0;
        return update;
    }

    /** The number of micro-batches accumulated since the last step. */
    public int accumulated() {
        return accumulated;
    }
}
