package dev.nabla.train;

import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import java.util.Map;
import java.util.function.Function;

/**
 * Drives a {@link LearningRateSchedule} from {@code fit}: the schedule is made on the model's
 * optimizer when training begins (taking its rates as base rates), then counts either epochs
 * (PyTorch's {@code scheduler.step()} after each epoch; Keras's {@code LearningRateScheduler})
 * or optimizer updates (PyTorch's {@code scheduler.step()} after each {@code optimizer.step()};
 * Keras's schedule given as an optimizer's {@code learning_rate}):
 *
 * <pre>{@code
 * model.fit(train, FitOptions.defaults().epochs(90).callbacks(
 *         ScheduledLearningRate.perEpoch(optimizer -> new StepDecay(optimizer, 30, 0.1f))));
 * model.fit(train, FitOptions.defaults().epochs(3).callbacks(
 *         ScheduledLearningRate.perUpdate(optimizer -> new OneCycle(optimizer, 0.01f, 3 * stepsPerEpoch))));
 * }</pre>
 *
 * Per epoch, epoch e trains at the schedule's rate of step e (so a run resumed at an initial
 * epoch continues the schedule); per update, the rate of update k is the schedule's at step k
 * counted from the first update of the first {@code fit} (with gradient accumulation, one
 * update per group of batches). The same callback given to later {@code fit} runs on the same
 * optimizer continues its schedule.
 */
public final class ScheduledLearningRate implements Callback {

    private final Function<Optimizer, LearningRateSchedule> create;
    private final boolean perUpdate;
    private Model model;
    private LearningRateSchedule schedule;
    private long firstUpdate;

    private ScheduledLearningRate(Function<Optimizer, LearningRateSchedule> create, boolean perUpdate) {
        this.create = create;
        this.perUpdate = perUpdate;
    }

    /** A schedule whose steps are epochs; {@code create} makes it on the optimizer. */
    public static ScheduledLearningRate perEpoch(Function<Optimizer, LearningRateSchedule> create) {
        return new ScheduledLearningRate(create, false);
    }

    /** A schedule whose steps are optimizer updates; {@code create} makes it on the optimizer. */
    public static ScheduledLearningRate perUpdate(Function<Optimizer, LearningRateSchedule> create) {
        return new ScheduledLearningRate(create, true);
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        if (schedule == null || schedule.optimizer() != trained.optimizer()) {
            schedule = create.apply(trained.optimizer());
            firstUpdate = trained.globalStep();
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (!perUpdate) {
            schedule.setStepCount(epoch);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (perUpdate) {
            while (schedule.stepCount() < model.globalStep() - firstUpdate) {
                schedule.step();
            }
        }
    }

    /** The schedule driven, once training has begun (null before). */
    public LearningRateSchedule schedule() {
        return schedule;
    }
}
