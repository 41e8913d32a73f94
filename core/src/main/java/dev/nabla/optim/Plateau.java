package dev.nabla.optim;

import java.util.List;

/**
 * The best value of a monitored quantity so far and the steps since it last improved: the
 * rule behind {@link ReduceOnPlateau} and the early-stopping and checkpoint callbacks.
 *
 * <pre>{@code
 * var plateau = new Plateau(Plateau.Mode.MIN, 1e-4);   // a loss, improving by more than 1e-4
 * if (!plateau.update(validationLoss) && plateau.badSteps() > patience) { ... }
 * }</pre>
 *
 * <p>A value improves on the best when it beats it by more than the threshold: absolutely
 * ({@code best ∓ threshold}, Keras's {@code min_delta}) or relatively
 * ({@code best·(1 ∓ threshold)}, PyTorch's {@code threshold_mode='rel'}). Before the first
 * value the best is the worst possible (+∞ when minimising), so a NaN never improves.
 */
public final class Plateau {

    /** Whether smaller or larger monitored values are better (Keras's {@code mode}). */
    public enum Mode {
        /** Decided by the monitored name: see {@link #resolve}. */
        AUTO,
        /** Smaller is better: losses and errors. */
        MIN,
        /** Larger is better: accuracies and scores. */
        MAX;

        private static final List<String> LARGER_IS_BETTER = List.of("acc", "auc", "precision", "recall", "f1", "r2");

        /**
         * MIN or MAX for {@code monitor}: AUTO takes MAX for names with {@code acc},
         * {@code auc}, {@code precision}, {@code recall}, {@code f1} or {@code r2} in them
         * (Keras's rule for {@code "acc"}, widened to Nabla's larger-is-better metrics) and MIN
         * for the rest (losses and errors: {@code val_loss}, {@code mae}).
         */
        public Mode resolve(String monitor) {
            if (this != AUTO) {
                return this;
            }
            return LARGER_IS_BETTER.stream().anyMatch(monitor::contains) ? MAX : MIN;
        }
    }

    private final Mode mode;
    private final double threshold;
    private final boolean relative;
    private double best;
    private int badSteps;

    /**
     * Improvement by more than {@code minDelta} in the value's units.
     *
     * @throws IllegalArgumentException for AUTO (resolve it with the monitored name first)
     */
    public Plateau(Mode mode, double minDelta) {
        this(mode, minDelta, false);
    }

    private Plateau(Mode mode, double threshold, boolean relative) {
        if (mode == Mode.AUTO) {
            throw new IllegalArgumentException("Plateau: mode AUTO needs the monitored name; pass"
                    + " Mode.AUTO.resolve(monitor), MIN or MAX");
        }
        this.mode = mode;
        this.threshold = threshold;
        this.relative = relative;
        reset();
    }

    /** Improvement by more than {@code threshold} times the best value (PyTorch's relative threshold). */
    public static Plateau relative(Mode mode, double threshold) {
        return new Plateau(mode, threshold, true);
    }

    /** Forgets every value seen, for a new run. */
    public void reset() {
        best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        badSteps = 0;
    }

    /** Records one value: true if it improves on the best (which it becomes), else counts one more bad step. */
    public boolean update(double value) {
        if (isBetter(value)) {
            best = value;
            badSteps = 0;
            return true;
        }
        badSteps++;
        return false;
    }

    /** Counts the bad steps from zero again (a cooldown), keeping the best. */
    public void resetBadSteps() {
        badSteps = 0;
    }

    /** The best value seen, or the worst possible before any. */
    public double best() {
        return best;
    }

    /** The steps since the best value: the bad steps that patience counts. */
    public int badSteps() {
        return badSteps;
    }

    /** MIN or MAX. */
    public Mode mode() {
        return mode;
    }

    private boolean isBetter(double value) {
        if (mode == Mode.MIN) {
            return relative ? value < best * (1 - threshold) : value < best - threshold;
        }
        return relative ? value > best * (1 + threshold) : value > best + threshold;
    }
}
