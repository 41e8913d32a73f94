package dev.nabla.optim;

import java.util.List;

/**
 * Lowers the learning rate when a monitored value (usually the validation loss) stops
 * improving (PyTorch's {@code ReduceLROnPlateau}, Keras's {@code ReduceLROnPlateau}
 * callback). Call {@link #step(double)} once per epoch with the value:
 *
 * <pre>{@code
 * var plateau = new ReduceOnPlateau(optimizer).factor(0.5f).patience(3);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     trainOneEpoch(model, optimizer);
 *     plateau.step(validationLoss(model));
 * }
 * }</pre>
 *
 * <p>A value improves on the best so far when it beats it by more than {@code threshold}
 * ({@link Plateau}): relatively ({@code best·(1 ∓ threshold)}) or absolutely
 * ({@code best ∓ threshold}). After more than {@code patience} steps without improvement
 * every group's rate is multiplied by {@code factor} (not below {@code minLearningRate}, and
 * only if it drops by more than 1e-8), and the next {@code cooldown} steps count no bad steps.
 *
 * <p>Defaults are PyTorch's: mode min, factor 0.1, patience 10, threshold 1e-4 relative,
 * cooldown 0, minimum rate 0. Keras's callback uses an absolute threshold
 * ({@code min_delta}, 1e-4) and counts patience so that it reduces after {@code patience}
 * bad epochs, where PyTorch waits for one more.
 */
public final class ReduceOnPlateau {

    private static final double EPSILON = 1e-8;

    private final Optimizer optimizer;
    private Plateau.Mode mode = Plateau.Mode.MIN;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private boolean relativeThreshold = true;
    private int cooldown;
    private double minLearningRate;
    private Plateau plateau = Plateau.relative(mode, threshold);
    private int cooldownLeft;

    /** Watches a value for the optimizer's groups, with PyTorch's defaults. */
    public ReduceOnPlateau(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /**
     * Minimise ({@code MIN}, a loss) or maximise ({@code MAX}, an accuracy); returns this.
     *
     * @throws IllegalArgumentException for AUTO, which needs the monitored name
     *     ({@code Mode.AUTO.resolve("val_accuracy")} gives MAX)
     */
    public ReduceOnPlateau mode(Plateau.Mode value) {
        mode = value;
        return track();
    }

    /** The multiplier applied to the rate, in (0, 1); returns this. */
    public ReduceOnPlateau factor(float value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("ReduceOnPlateau: factor must be in (0, 1), got " + value);
        }
        factor = value;
        return this;
    }

    /** How many steps without improvement to tolerate before reducing; returns this. */
    public ReduceOnPlateau patience(int value) {
        patience = nonNegative("patience", value);
        return this;
    }

    /** The improvement that counts, relative to the best value ({@code threshold_mode='rel'}); returns this. */
    public ReduceOnPlateau relativeThreshold(float value) {
        threshold = value;
        relativeThreshold = true;
        return track();
    }

    /** The improvement that counts, in the value's units ({@code threshold_mode='abs'}, Keras {@code min_delta}); returns this. */
    public ReduceOnPlateau absoluteThreshold(float value) {
        threshold = value;
        relativeThreshold = false;
        return track();
    }

    /** How many steps after a reduction count no bad steps; returns this. */
    public ReduceOnPlateau cooldown(int value) {
        cooldown = nonNegative("cooldown", value);
        return this;
    }

    /** The rate below which no group is reduced (PyTorch {@code min_lr}); returns this. */
    public ReduceOnPlateau minLearningRate(float value) {
        minLearningRate = Optimizer.checkNonNegative("minLearningRate", value);
        return this;
    }

    /** Records one monitored value and reduces the rates if it has stalled long enough. */
    public void step(double value) {
        plateau.update(value);
        if (cooldownLeft > 0) {
            cooldownLeft--;
            plateau.resetBadSteps();
        }
        if (plateau.badSteps() > patience) {
            reduce();
            cooldownLeft = cooldown;
            plateau.resetBadSteps();
        }
    }

    /** The best value seen so far. */
    public double best() {
        return plateau.best();
    }

    /** The number of steps since the last improvement, as counted for patience. */
    public int badSteps() {
        return plateau.badSteps();
    }

    /** A new tracker for the current settings (set before the first step). */
    private ReduceOnPlateau track() {
        plateau = relativeThreshold ? Plateau.relative(mode, threshold) : new Plateau(mode, threshold);
        return this;
    }

    private void reduce() {
        List<ParameterGroup> groups = optimizer.groups();
        for (ParameterGroup group : groups) {
            double old = group.learningRate();
            double reduced = Math.max(old * factor, minLearningRate);
            if (old - reduced > EPSILON) {
                group.learningRate((float) reduced);
            }
        }
    }

    private static int nonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("ReduceOnPlateau: " + what + " must be ≥ 0, got " + value);
        }
        return value;
    }
}
