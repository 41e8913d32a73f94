package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Precision}, {@link Recall} and {@link F1Score} share: the counts, the
 * {@link Average} and the threshold; each picks its own score from them.
 */
abstract sealed class ClassificationScore implements Metric permits Precision, Recall, F1Score {

    private final String metric;
    private final Average average;
    private final float threshold;
    private final ClassCounts counts = new ClassCounts(0);

    ClassificationScore(String metric, Average average, float threshold) {
        if (average == null) {
            throw new IllegalArgumentException(metric + ": average must not be null");
        }
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException(metric + ": threshold must be finite, got " + threshold);
        }
        this.metric = metric;
        this.average = average;
        this.threshold = threshold;
    }

    /** This metric's score of one class or one average. */
    abstract double pick(ClassCounts.Scores scores);

    /** How the classes are combined. */
    public Average average() {
        return average;
    }

    /** Above this a {@link Average#BINARY} prediction counts as 1. */
    public float threshold() {
        return threshold;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        counts.add(average == Average.BINARY
                ? ClassPairs.binary(metric, name(), predictions, targets, sampleWeights, threshold)
                : ClassPairs.multiClass(metric, predictions, targets, sampleWeights, 0));
    }

    /**
     * The score with this metric's average.
     *
     * @throws UnsupportedOperationException for {@link Average#NONE}: use {@link #perClass()}
     */
    @Override
    public double result() {
        if (average == Average.NONE) {
            throw new UnsupportedOperationException(metric + ": with Average.NONE there is one score per class;"
                    + " use perClass() or results()");
        }
        return pick(counts.average(average));
    }

    /**
     * The score of every class 0, 1, ... up to the largest seen (or the predictions' class
     * axis), whatever the average; 0 for a class seen nowhere.
     */
    public double[] perClass() {
        double[] out = new double[counts.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = pick(counts.scores(c));
        }
        return out;
    }

    /** {@code {name: result}}, or for {@link Average#NONE} one entry per class: {@code name_0, name_1, ...}. */
    @Override
    public Map<String, Double> results() {
        if (average != Average.NONE) {
            return Map.of(name(), result());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double[] scores = perClass();
        for (int c = 0; c < scores.length; c++) {
            out.put(name() + "_" + c, scores[c]);
        }
        return out;
    }

    @Override
    public void reset() {
        counts.reset();
    }
}
