package dev.nabla.optim;

/**
 * Multiplies the rate by {@code gamma} every step: {@code base·gamma^step} (PyTorch's
 * {@code ExponentialLR}; Keras's {@code ExponentialDecay} with {@code decay_steps=1}).
 */
public final class ExponentialDecay extends LearningRateSchedule {

    private final float gamma;

    /** Decays by {@code gamma} per step. */
    public ExponentialDecay(Optimizer optimizer, float gamma) {
        this.gamma = gamma;
        super(optimizer);
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        return baseLearningRate * Math.pow(gamma, step);
    }
}
