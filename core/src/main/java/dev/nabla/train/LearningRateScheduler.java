package dev.nabla.train;

import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Sets the learning rate at the start of each epoch from the epoch number and the current
 * rate (Keras's {@code LearningRateScheduler}), of every optimizer of the model or of the one
 * named with {@link #optimizer(String)}.
 */
public final class LearningRateScheduler implements Callback {

    private final BiFunction<Integer, Float, Float> schedule;
    private String optimizerName;
    private Model model;

    /** {@code schedule(epoch, currentRate)} gives the rate for the epoch. */
    public LearningRateScheduler(BiFunction<Integer, Float, Float> schedule) {
        this.schedule = schedule;
    }

    /** Acts only on the model's optimizer named {@code name} (null: on all, the default); returns this. */
    public LearningRateScheduler optimizer(String name) {
        optimizerName = name;
        return this;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
    }

    @Override
    public void onEpochBegin(int epoch) {
        for (Optimizer optimizer : optimizerName == null ? model.optimizers().values()
                : List.of(model.optimizer(optimizerName))) {
            optimizer.setLearningRate(schedule.apply(epoch, optimizer.learningRate()));
        }
    }
}
