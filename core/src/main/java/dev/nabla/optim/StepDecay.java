package dev.nabla.optim;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} steps:
 * {@code base·gamma^⌊step/stepSize⌋} (PyTorch's {@code StepLR}, gamma 0.1 by default; Keras's
 * {@code ExponentialDecay} with {@code staircase=True}).
 */
public final class StepDecay extends LearningRateSchedule {

    private final int stepSize;
    private final float gamma;

    /** Decays by PyTorch's default gamma 0.1 every {@code stepSize} steps. */
    public StepDecay(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1f);
    }

    /** Decays by {@code gamma} every {@code stepSize} steps. */
    public StepDecay(Optimizer optimizer, int stepSize, float gamma) {
        this.stepSize = checkPositive("StepDecay: stepSize", stepSize);
        this.gamma = gamma;
        super(optimizer);
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        return baseLearningRate * Math.pow(gamma, step / stepSize);
    }
}
