package dev.nabla.optim;

import java.util.List;

/**
 * Sets an optimizer's learning rates from a step count, by a closed-form rule (PyTorch's
 * {@code torch.optim.lr_scheduler}, Keras's {@code LearningRateSchedule}). Each group's
 * rate is derived from the rate it had when the schedule was created, its base rate, so
 * groups keep their ratios. Creating a schedule sets the step-0 rates; {@link #step()}
 * advances one step, and the caller decides whether a step is a batch or an epoch:
 *
 * <pre>{@code
 * var schedule = new StepDecay(optimizer, 30, 0.1f);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     trainOneEpoch(model, optimizer);
 *     schedule.step();
 * }
 * }</pre>
 *
 * <p>Subclasses set their own fields before calling {@code super(optimizer)}, because this
 * constructor already asks them for the step-0 rate.
 */
public abstract class LearningRateSchedule {

    private final Optimizer optimizer;
    private final double[] baseLearningRates;
    private int stepCount;

    /** Takes the optimizer's current rates as base rates and sets the step-0 rates. */
    protected LearningRateSchedule(Optimizer optimizer) {
        this.optimizer = optimizer;
        List<ParameterGroup> groups = optimizer.groups();
        baseLearningRates = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            baseLearningRates[g] = groups.get(g).learningRate();
        }
        apply();
    }

    /** The rate at {@code step} for a group whose base rate is {@code baseLearningRate}. */
    protected abstract double learningRate(double baseLearningRate, int step);

    /** Advances one step and sets every group's learning rate. */
    public void step() {
        stepCount++;
        apply();
    }

    /** The number of {@link #step()} calls so far. */
    public int stepCount() {
        return stepCount;
    }

    /** Jumps to a step, e.g. when resuming training, and sets the rates for it. */
    public void setStepCount(int value) {
        if (value < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": step count must be ≥ 0, got " + value);
        }
        stepCount = value;
        apply();
    }

    /** The first group's rate at any step, without changing anything (for plots and logs). */
    public double learningRateAt(int step) {
        return learningRate(baseLearningRates[0], step);
    }

    /** Each group's base rate, the rate it had when the schedule was created (a copy). */
    public double[] baseLearningRates() {
        return baseLearningRates.clone();
    }

    /** The optimizer driven. */
    public Optimizer optimizer() {
        return optimizer;
    }

    private void apply() {
        List<ParameterGroup> groups = optimizer.groups();
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).learningRate((float) learningRate(baseLearningRates[g], stepCount));
        }
    }

    static int checkPositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }
}
