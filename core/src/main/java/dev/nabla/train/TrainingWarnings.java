package dev.nabla.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The warnings {@link LayerStatistics} prints, each once per layer and kind, as one clear line:
 * vanishing gradients (a layer's gradient norm below {@link #vanishingBelow}, default 1e-7),
 * exploding gradients (above {@link #explodingAbove}, default 1e3, or not finite), and a
 * learning rate that makes the training loss rise (the smoothed batch loss 50% above its lowest,
 * not finite, or the epoch loss up two epochs in a row), printed once.
 */
public final class TrainingWarnings {

    private static final double SMOOTHING = 0.9;
    private static final int SETTLING_UPDATES = 10;
    private static final double RISE = 1.5;

    private double vanishingBelow = 1e-7;
    private double explodingAbove = 1e3;
    private PrintStream out = System.err;
    private final List<String> printed = new ArrayList<>();
    private final Set<String> warned = new HashSet<>();

    private double previousMean;
    private double average;
    private int seen;
    private double lowest = Double.POSITIVE_INFINITY;
    private long lowestStep;
    private final List<Double> epochLosses = new ArrayList<>();

    TrainingWarnings() {
    }

    /** A layer whose gradient norm falls below {@code norm} is warned of as vanishing. */
    public TrainingWarnings vanishingBelow(double norm) {
        vanishingBelow = norm;
        return this;
    }

    /** A layer whose gradient norm rises above {@code norm} is warned of as exploding. */
    public TrainingWarnings explodingAbove(double norm) {
        explodingAbove = norm;
        return this;
    }

    /** Where the warnings go (default {@code System.err}). */
    public TrainingWarnings printTo(PrintStream stream) {
        out = Objects.requireNonNull(stream, "stream");
        return this;
    }

    /** The warnings printed so far, in order. */
    public List<String> printed() {
        return List.copyOf(printed);
    }

    void checkGradients(Map<String, LayerStatistics.Values> values, long step) {
        values.forEach((layer, v) -> {
            double norm = v.gradientNorm();
            if (Double.isNaN(norm) && Double.isNaN(v.weightNorm())) {
                return;
            }
            String name = layer.isEmpty() ? "(the model itself)" : "'" + layer + "'";
            if (!Double.isFinite(norm) || norm > explodingAbove) {
                warn("exploding " + layer, String.format(Locale.ROOT, "exploding gradients in layer %s: gradient norm"
                        + " %.3g at update %d (above %.3g); lower the learning rate, clip gradients (GradientOptions.clipNorm,"
                        + " YAML training.global_clipnorm) or add normalisation", name, norm,
                        step, explodingAbove));
            } else if (norm < vanishingBelow) {
                warn("vanishing " + layer, String.format(Locale.ROOT, "vanishing gradients in layer %s: gradient norm"
                        + " %.3g at update %d (below %.3g); the layers before it barely learn: try ReLU-like"
                        + " activations, He initialisation, batch normalisation or residual connections", name, norm,
                        step, vanishingBelow));
            }
        });
    }

    /** The running mean of the epoch's loss after batch {@code batch} gives this batch's loss; smoothed, it is watched. */
    void checkLoss(Double runningMean, int batch, long step, float learningRate) {
        if (runningMean == null) {
            return;
        }
        double loss = batch == 0 ? runningMean : runningMean * (batch + 1) - previousMean * batch;
        previousMean = runningMean;
        if (!Double.isFinite(loss)) {
            warnRising(String.format(Locale.ROOT, "the training loss became %s at update %d", loss, step), learningRate);
            return;
        }
        average = SMOOTHING * average + (1 - SMOOTHING) * loss;
        seen++;
        double smoothed = average / (1 - Math.pow(SMOOTHING, seen));
        if (smoothed < lowest) {
            lowest = smoothed;
            lowestStep = step;
        } else if (seen >= SETTLING_UPDATES && lowest > 0 && smoothed > RISE * lowest) {
            warnRising(String.format(Locale.ROOT, "the training loss is rising: smoothed batch loss %.4g at update"
                    + " %d, up from %.4g at update %d", smoothed, step, lowest, lowestStep), learningRate);
        }
    }

    void checkEpoch(int epoch, Double loss, float learningRate) {
        if (loss == null) {
            return;
        }
        epochLosses.add(loss);
        int n = epochLosses.size();
        if (n >= 3 && epochLosses.get(n - 1) > epochLosses.get(n - 2) && epochLosses.get(n - 2) > epochLosses.get(n - 3)) {
            warnRising(String.format(Locale.ROOT, "the training loss rose two epochs in a row: %.4g, %.4g, %.4g"
                    + " after epochs %d to %d", epochLosses.get(n - 3), epochLosses.get(n - 2), epochLosses.get(n - 1),
                    epoch - 1, epoch + 1), learningRate);
        }
    }

    private void warnRising(String what, float learningRate) {
        warn("learning rate", String.format(Locale.ROOT, "%s; the learning rate %.3g is likely too high: try a tenth"
                + " of it, or find one with ./nabla lr-find EXPERIMENT.yaml (LearningRateFinder)", what, learningRate));
    }

    private void warn(String key, String message) {
        if (warned.add(key)) {
            printed.add(message);
            out.println("WARNING: " + message);
            out.flush();
        }
    }
}
