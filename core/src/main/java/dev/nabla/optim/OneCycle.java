package dev.nabla.optim;

/**
 * The one-cycle policy (PyTorch's {@code OneCycleLR}): the rate rises from
 * {@code maxLearningRate/initialDivisor} to {@code maxLearningRate} over the first
 * {@code warmupFraction} of {@code totalSteps}, then falls to
 * {@code maxLearningRate/(initialDivisor·finalDivisor)} by the last step, along a cosine
 * (or a straight line). All groups share {@code maxLearningRate}; their rates before the
 * schedule are ignored. Meant to be stepped after every batch: the rates of steps 0 to
 * {@code totalSteps − 1} are PyTorch's; the step after the last batch, {@code totalSteps},
 * keeps the final rate (where PyTorch extends the curve, below zero for linear annealing),
 * and stepping further is an error, as in PyTorch.
 *
 * <p>Defaults are PyTorch's: warm-up fraction 0.3 ({@code pct_start}), initial divisor 25
 * ({@code div_factor}), final divisor 1e4 ({@code final_div_factor}), cosine annealing.
 * PyTorch also cycles the momentum (or β₁) inversely by default ({@code cycle_momentum});
 * this class leaves momentum alone, like PyTorch with {@code cycle_momentum=False}. The
 * three-phase variant is not offered.
 */
public final class OneCycle extends LearningRateSchedule {

    /**
     * The shape of the cycle: {@code warmupFraction} ({@code pct_start}), {@code initialDivisor}
     * ({@code div_factor}), {@code finalDivisor} ({@code final_div_factor}), and cosine or
     * linear annealing ({@code anneal_strategy}).
     */
    public record Options(float warmupFraction, float initialDivisor, float finalDivisor, boolean cosine) {

        /** PyTorch's defaults: 0.3, 25, 1e4, cosine. */
        public static final Options DEFAULT = new Options(0.3f, 25f, 1e4f, true);

        public Options {
            if (!(warmupFraction >= 0 && warmupFraction <= 1) || !(initialDivisor > 0) || !(finalDivisor > 0)) {
                throw new IllegalArgumentException("OneCycle: warmupFraction must be in [0, 1] and the divisors > 0,"
                        + " got " + warmupFraction + ", " + initialDivisor + ", " + finalDivisor);
            }
        }
    }

    private final double maxLearningRate;
    private final int totalSteps;
    private final Options options;

    /** One cycle with PyTorch's defaults peaking at {@code maxLearningRate} ({@code max_lr}). */
    public OneCycle(Optimizer optimizer, float maxLearningRate, int totalSteps) {
        this(optimizer, maxLearningRate, totalSteps, Options.DEFAULT);
    }

    /** One cycle of the given shape. */
    public OneCycle(Optimizer optimizer, float maxLearningRate, int totalSteps, Options options) {
        this.maxLearningRate = maxLearningRate;
        this.totalSteps = checkPositive("OneCycle: totalSteps", totalSteps);
        this.options = options;
        super(optimizer);
    }

    @Override
    public void step() {
        if (stepCount() >= totalSteps) {
            throw new IllegalStateException("OneCycle: tried to step " + (stepCount() + 1)
                    + " times, but the cycle was set up for " + totalSteps + " steps");
        }
        super.step();
    }

    @Override
    protected double learningRate(double baseLearningRate, int step) {
        double initial = maxLearningRate / options.initialDivisor();
        double last = initial / options.finalDivisor();
        double peakStep = (double) options.warmupFraction() * totalSteps - 1;
        if (step <= peakStep) {
            return anneal(initial, maxLearningRate, step / peakStep);
        }
        return anneal(maxLearningRate, last, Math.min(1, (step - peakStep) / (totalSteps - 1 - peakStep)));
    }

    private double anneal(double start, double end, double fraction) {
        return options.cosine()
                ? end + (start - end) / 2 * (Math.cos(Math.PI * fraction) + 1)
                : (end - start) * fraction + start;
    }
}
