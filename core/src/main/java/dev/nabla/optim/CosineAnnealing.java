package dev.nabla.optim;

/**
 * Cosine annealing from the base rate down to {@code minLearningRate} over {@code maxSteps}
 * steps, optionally after a linear warm-up (PyTorch's {@code CosineAnnealingLR}, after a
 * {@code LinearLR} joined by {@code SequentialLR}; Keras's {@code CosineDecay} with
 * {@code warmup_steps}). At step s of the cosine phase:
 *
 * <pre>
 * lr = min + (base − min)·(1 + cos(π·s/maxSteps))/2
 * </pre>
 *
 * Past {@code maxSteps} the rate rises again along the same cosine, as in PyTorch. During a
 * warm-up of W steps the rate goes linearly from {@code base·startFactor} to {@code base}:
 * {@code base·(startFactor + (1 − startFactor)·step/W)}; the cosine phase follows, so the
 * whole schedule spans {@code W + maxSteps} steps. Keras's {@code CosineDecay} differs in
 * two ways: its warm-up rises from {@code initial_learning_rate} to {@code warmup_target},
 * and after {@code decay_steps} it holds the minimum instead of rising again.
 */
public final class CosineAnnealing extends LearningRateSchedule {

    private final int maxSteps;
    private final double minLearningRate;
    private final int warmupSteps;
    private final double warmupStartFactor;

    /** Anneals to 0 over {@code maxSteps} steps (PyTorch {@code T_max}). */
    public CosineAnnealing(Optimizer optimizer, int maxSteps) {
        this(optimizer, maxSteps, 0f);
    }

    /** Anneals to {@code minLearningRate} (PyTorch {@code eta_min}) over {@code maxSteps} steps. */
    public CosineAnnealing(Optimizer optimizer, int maxSteps, float minLearningRate) {
        this(optimizer, 0, 1f, maxSteps, minLearningRate);
    }

    private CosineAnnealing(Optimizer optimizer, int warmupSteps, float warmupStartFactor, int maxSteps,
                            float minLearningRate) {
        if (warmupSteps < 0 || !(warmupStartFactor > 0 && warmupStartFactor <= 1)) {
            throw new IllegalArgumentException("CosineAnnealing: warm-up needs steps ≥ 0 and a start factor in (0, 1],"
                    + " got " + warmupSteps + " and " + warmupStartFactor);
        }
        this.maxSteps = checkPositive("CosineAnnealing: maxSteps", maxSteps);
        this.minLearningRate = minLearningRate;
        this.warmupSteps = warmupSteps;
        this.warmupStartFactor = warmupStartFactor;
        super(optimizer);
    }

    /**
     * A linear warm-up over {@code warmupSteps} steps from {@code base·warmupStartFactor}
     * (PyTorch {@code LinearLR}'s {@code start_factor}, in (0, 1]), then cosine annealing to
     * {@code minLearningRate} over {@code maxSteps} further steps.
     */
    public static CosineAnnealing withWarmup(Optimizer optimizer, int warmupSteps, float warmupStartFactor,
                                             int maxSteps, float minLearningRate) {
        return new CosineAnnealing(optimizer, warmupSteps, warmupStartFactor, maxSteps, minLearningRate);
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        if (step < warmupSteps) {
            return baseLearningRate * (warmupStartFactor + (1 - warmupStartFactor) * step / warmupSteps);
        }
        int s = step - warmupSteps;
        return minLearningRate + (baseLearningRate - minLearningRate) * (1 + Math.cos(Math.PI * s / maxSteps)) / 2;
    }
}
