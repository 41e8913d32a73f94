package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The fraction of yes/no predictions that are right: an element counts as predicted 1 when
 * its probability is strictly above the threshold (0.5 unless set), and is right when that
 * equals its target, which must be 0 or 1. Keras's {@code BinaryAccuracy}
 * ({@code "binary_accuracy"}).
 *
 * <p>With {@link #fromLogits(boolean) fromLogits} the predictions are logits x and the test is
 * {@code sigmoid(x) > threshold}, done without the sigmoid as {@code x > log(t / (1 − t))}: for
 * the default threshold, {@code x > 0}.
 *
 * <p>Predictions and targets have the same shape (a trailing axis of size 1 on either is
 * ignored); every element is one observation, so {@code [N, k]} multi-label outputs give the
 * mean over all N·k, which is Keras's mean over samples of the per-sample mean.
 */
public final class BinaryAccuracy extends MeanMetric {

    private static final String NAME = "BinaryAccuracy";

    private final float threshold;
    private final boolean fromLogits;

    /** Threshold 0.5 on probabilities. */
    public BinaryAccuracy() {
        this(0.5f, false);
    }

    private BinaryAccuracy(float threshold, boolean fromLogits) {
        if (!(threshold > 0f && threshold < 1f)) {
            throw new IllegalArgumentException(NAME + ": threshold must be in (0, 1), got " + threshold);
        }
        this.threshold = threshold;
        this.fromLogits = fromLogits;
    }

    /** A new metric that predicts 1 above the given probability, in (0, 1). */
    public BinaryAccuracy threshold(float value) {
        return new BinaryAccuracy(value, fromLogits);
    }

    /** A new metric that reads predictions as logits (true) or probabilities (false). */
    public BinaryAccuracy fromLogits(boolean value) {
        return new BinaryAccuracy(threshold, value);
    }

    public float threshold() {
        return threshold;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "binary_accuracy";
    }

    @Override
    double[] values(Tensor predictions, Tensor targets) {
        MetricSupport.requireSameShape(NAME, predictions, targets);
        float[] p = MetricSupport.values(NAME, "predictions", predictions);
        float[] t = MetricSupport.values(NAME, "targets", targets);
        MetricSupport.requireBinary(NAME, t);
        double cut = fromLogits ? Math.log(threshold / (1.0 - threshold)) : threshold;
        double[] hits = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            boolean predictedOne = p[i] > cut;
            hits[i] = predictedOne == (t[i] == 1f) ? 1 : 0;
        }
        return hits;
    }
}
