package dev.nabla.train;

import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * optimizer continues its schedule, and so does a new one on a model restored from a checkpoint
 * ({@link Model#restore}): checkpoints save each schedule's step and base rates. A model with
 * several optimizers gets one schedule on each, or on the one named with {@link #optimizer(String)}.
 */
public final class ScheduledLearningRate implements Callback {

    private final Function<Optimizer, LearningRateSchedule> create;
    private final boolean perUpdate;
    private String optimizerName;
    private Model model;
    private Map<String, LearningRateSchedule> schedules = Map.of();
    private long firstUpdate;

    private ScheduledLearningRate(Function<Optimizer, LearningRateSchedule> create, boolean perUpdate) {
        this.create = create;
        this.perUpdate = perUpdate;
    }

    /** A schedule whose steps are epochs; {@code create} makes it on an optimizer. */
    public static ScheduledLearningRate perEpoch(Function<Optimizer, LearningRateSchedule> create) {
        return new ScheduledLearningRate(create, false);
    }

    /** A schedule whose steps are optimizer updates; {@code create} makes it on an optimizer. */
    public static ScheduledLearningRate perUpdate(Function<Optimizer, LearningRateSchedule> create) {
        return new ScheduledLearningRate(create, true);
    }

    /** Schedules only the model's optimizer named {@code name} (null: every one, the default); returns this. */
    public ScheduledLearningRate optimizer(String name) {
        optimizerName = name;
        return this;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        Map<String, Optimizer> targets = optimizerName == null ? trained.optimizers()
                : Map.of(optimizerName, trained.optimizer(optimizerName));
        boolean same = schedules.size() == targets.size() && targets.entrySet().stream().allMatch(e ->
                schedules.containsKey(e.getKey()) && schedules.get(e.getKey()).optimizer() == e.getValue());
        if (!same) {
            Map<String, LearningRateSchedule> made = new LinkedHashMap<>();
            int restored = -1;
            for (Map.Entry<String, Optimizer> target : targets.entrySet()) {
                int step = trained.namedOptimizers().prepareRestoredSchedule(target.getKey());
                LearningRateSchedule schedule = create.apply(target.getValue());
                if (step >= 0) {
                    schedule.setStepCount(step);
                    restored = step;
                }
                made.put(target.getKey(), schedule);
                trained.namedOptimizers().attach(target.getKey(), schedule);
            }
            schedules = Collections.unmodifiableMap(made);
            firstUpdate = trained.globalStep() - Math.max(restored, 0);
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (!perUpdate) {
            schedules.values().forEach(schedule -> schedule.setStepCount(epoch));
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (perUpdate) {
            for (LearningRateSchedule schedule : schedules.values()) {
                while (schedule.stepCount() < model.globalStep() - firstUpdate) {
                    schedule.step();
                }
            }
        }
    }

    /** The schedule driven (the first, with several), once training has begun (null before). */
    public LearningRateSchedule schedule() {
        return schedules.isEmpty() ? null : schedules.values().iterator().next();
    }

    /** Every schedule driven, by its optimizer's name, once training has begun (empty before). */
    public Map<String, LearningRateSchedule> schedules() {
        return schedules;
    }
}
