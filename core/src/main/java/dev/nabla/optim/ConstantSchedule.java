package dev.nabla.optim;

/**
 * The base rate times {@code factor} for the first {@code totalSteps} steps, then the base
 * rate (PyTorch's {@code ConstantLR}, whose defaults are factor 1/3 and 5 steps). With
 * factor 1 the rate never changes.
 */
public final class ConstantSchedule extends LearningRateSchedule {

    private final float factor;
    private final int totalSteps;

    /** Scales the rate by {@code factor} in [0, 1] until {@code totalSteps} steps have passed. */
    public ConstantSchedule(Optimizer optimizer, float factor, int totalSteps) {
        if (!(factor >= 0 && factor <= 1) || totalSteps < 0) {
            throw new IllegalArgumentException("ConstantSchedule: factor must be in [0, 1] and totalSteps ≥ 0, got "
                    + factor + " and " + totalSteps);
        }
        this.factor = factor;
        this.totalSteps = totalSteps;
        super(optimizer);
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        return step < totalSteps ? baseLearningRate * factor : baseLearningRate;
    }
}
