package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The categorical accuracies: one observation per row of scores {@code [..., C]}, 1 when its
 * true class (the arg-max of one-hot targets, or an integer label) is the arg-max (k = 0) or
 * among the top k (k ≥ 1), else 0.
 */
abstract class ClassHits extends MeanMetric {

    private final boolean labels;
    final int k;

    /** True classes from integer labels (else one-hot targets); k = 0 for the arg-max, else the top k. */
    ClassHits(boolean labels, int k) {
        this.labels = labels;
        this.k = k;
    }

    @Override
    final double[] values(Tensor predictions, Tensor targets) {
        String metric = getClass().getSimpleName();
        int[] truth = labels ? fromLabels(metric, predictions, targets) : fromOneHot(metric, predictions, targets);
        return hits(metric, predictions, truth, k);
    }

    @Override
    final int[] observations(Tensor predictions, Tensor targets) {
        return MetricSupport.withoutClassAxis(predictions);
    }

    static int requirePositive(String metric, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(metric + ": k must be at least 1, got " + k);
        }
        return k;
    }

    /** The true class of each row of scores {@code [..., C]} from one-hot targets of the same shape (their arg-max). */
    private static int[] fromOneHot(String metric, Tensor predictions, Tensor targets) {
        int classes = MetricSupport.classCount(metric, predictions);
        if (!predictions.shape().equals(targets.shape())) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape()
                    + " and one-hot targets " + targets.shape() + " differ in shape; for integer labels use the"
                    + " sparse version of this metric");
        }
        return MetricSupport.argmaxRows(MetricSupport.values(metric, "targets", targets), classes);
    }

    /** The true class of each row of scores {@code [..., C]} from integer labels {@code [...]} in [0, C). */
    private static int[] fromLabels(String metric, Tensor predictions, Tensor labels) {
        int classes = MetricSupport.classCount(metric, predictions);
        return MetricSupport.labels(metric, labels, MetricSupport.withoutClassAxis(predictions), classes);
    }

    /** 1 or 0 for each row of {@code predictions}, as the class comment says. */
    private static double[] hits(String metric, Tensor predictions, int[] truth, int k) {
        int classes = predictions.dim(-1);
        float[] scores = MetricSupport.values(metric, "predictions", predictions);
        double[] hits = new double[truth.length];
        for (int row = 0; row < truth.length; row++) {
            boolean hit = k == 0
                    ? MetricSupport.argmax(scores, row, classes) == truth[row]
                    : inTopK(scores, row, classes, truth[row], k);
            hits[row] = hit ? 1 : 0;
        }
        return hits;
    }

    /**
     * TensorFlow's {@code in_top_k}: the target is in the top k when fewer than k classes score
     * strictly higher, so classes tied at the k-th place all count as in.
     */
    private static boolean inTopK(float[] scores, int row, int classes, int target, int k) {
        int start = row * classes;
        float score = scores[start + target];
        int higher = 0;
        for (int c = 0; c < classes; c++) {
            if (scores[start + c] > score) {
                higher++;
            }
        }
        return higher < k;
    }
}
