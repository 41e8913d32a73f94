package dev.nabla.optim;

import java.util.Arrays;

/**
 * Multiplies the rate by {@code gamma} at each milestone step: {@code base·gamma^k} where k
 * counts the milestones ≤ step (PyTorch's {@code MultiStepLR}, gamma 0.1 by default; Keras's
 * {@code PiecewiseConstantDecay} with geometric values).
 */
public final class MultiStepDecay extends LearningRateSchedule {

    private final int[] milestones;
    private final float gamma;

    /** Decays by PyTorch's default gamma 0.1 at each milestone. */
    public MultiStepDecay(Optimizer optimizer, int... milestones) {
        this(optimizer, 0.1f, milestones);
    }

    /** Decays by {@code gamma} at each milestone (steps in increasing order). */
    public MultiStepDecay(Optimizer optimizer, float gamma, int... milestones) {
        this.milestones = sorted(milestones);
        this.gamma = gamma;
        super(optimizer);
    }

    private static int[] sorted(int[] milestones) {
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] < milestones[i - 1]) {
                throw new IllegalArgumentException("MultiStepDecay: milestones must be increasing, got "
                        + Arrays.toString(milestones));
            }
        }
        return milestones.clone();
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        int passed = 0;
        while (passed < milestones.length && milestones[passed] <= step) {
            passed++;
        }
        return baseLearningRate * Math.pow(gamma, passed);
    }
}
