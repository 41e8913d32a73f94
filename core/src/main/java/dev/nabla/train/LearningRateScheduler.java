package dev.nabla.train;

import java.util.function.BiFunction;

/**
 * Sets the learning rate at the start of each epoch from the epoch number and the current
 * rate (Keras's {@code LearningRateScheduler}).
 */
public final class LearningRateScheduler implements Callback {

    private final BiFunction<Integer, Float, Float> schedule;
    private Model model;

    /** {@code schedule(epoch, currentRate)} gives the rate for the epoch. */
    public LearningRateScheduler(BiFunction<Integer, Float, Float> schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
    }

    @Override
    public void onEpochBegin(int epoch) {
        model.optimizer().setLearningRate(schedule.apply(epoch, model.optimizer().learningRate()));
    }
}
