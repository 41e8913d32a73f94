package dev.nabla.train;

import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Sets the learning rate at the start of each epoch from the epoch number and the current
 * rate (Keras's {@code LearningRateScheduler}), or steps a {@link LearningRateSchedule} after
 * each epoch ({@link #perEpoch}, PyTorch's {@code scheduler.step()} once per epoch).
 */
public final class LearningRateScheduler implements Callback {

    private final BiFunction<Integer, Float, Float> schedule;
    private final Function<Optimizer, LearningRateSchedule> stepped;
    private LearningRateSchedule steppedSchedule;
    private Model model;

    /** {@code schedule(epoch, currentRate)} gives the rate for the epoch. */
    public LearningRateScheduler(BiFunction<Integer, Float, Float> schedule) {
        this(schedule, null);
    }

    private LearningRateScheduler(BiFunction<Integer, Float, Float> schedule,
                                  Function<Optimizer, LearningRateSchedule> stepped) {
        this.schedule = schedule;
        this.stepped = stepped;
    }

    /**
     * Makes the schedule for the model's optimizer when training begins and steps it after
     * every epoch: {@code perEpoch(optimizer -> new StepDecay(optimizer, 10))}.
     */
    public static LearningRateScheduler perEpoch(Function<Optimizer, LearningRateSchedule> schedule) {
        return new LearningRateScheduler(null, schedule);
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        if (stepped != null) {
            steppedSchedule = stepped.apply(trained.optimizer());
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (schedule != null) {
            model.optimizer().setLearningRate(schedule.apply(epoch, model.optimizer().learningRate()));
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (steppedSchedule != null) {
            steppedSchedule.step();
        }
    }
}
