package dev.nabla.optim;

/**
 * Cosine annealing that restarts at the base rate after each period, the periods growing
 * by {@code periodMultiplier} (SGDR; PyTorch's {@code CosineAnnealingWarmRestarts}, Keras's
 * {@code CosineDecayRestarts}). With T the current period's length and s the steps since
 * the last restart: {@code lr = min + (base − min)·(1 + cos(π·s/T))/2}.
 *
 * <p>Defaults are PyTorch's: multiplier 1, minimum 0. Keras's {@code t_mul} defaults to 2
 * and its {@code m_mul} (shrinking the peak after each restart) has no PyTorch counterpart.
 * Steps are whole numbers here; PyTorch also accepts fractional epochs.
 */
public final class CosineAnnealingWarmRestarts extends LearningRateSchedule {

    private final int firstPeriod;
    private final int periodMultiplier;
    private final double minLearningRate;

    /** Restarts every {@code period} steps (PyTorch {@code T_0}), annealing to 0. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int period) {
        this(optimizer, period, 1, 0f);
    }

    /**
     * The first period lasts {@code firstPeriod} steps (PyTorch {@code T_0}), each next one
     * {@code periodMultiplier} times longer ({@code T_mult}, an integer ≥ 1), annealing to
     * {@code minLearningRate} ({@code eta_min}).
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int firstPeriod, int periodMultiplier,
                                       float minLearningRate) {
        this.firstPeriod = checkPositive("CosineAnnealingWarmRestarts: firstPeriod", firstPeriod);
        this.periodMultiplier = checkPositive("CosineAnnealingWarmRestarts: periodMultiplier", periodMultiplier);
        this.minLearningRate = minLearningRate;
        super(optimizer);
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        long sinceRestart = step;
        long period = firstPeriod;
        if (periodMultiplier == 1) {
            sinceRestart %= period;
        } else {
            while (sinceRestart >= period) {
                sinceRestart -= period;
                period *= periodMultiplier;
            }
        }
        return minLearningRate + (baseLearningRate - minLearningRate)
                * (1 + Math.cos(Math.PI * sinceRestart / period)) / 2;
    }
}
