package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/** The shared work of the categorical accuracies: true classes from targets, and counting hits. */
final class ClassHits {

    private ClassHits() {
    }

    /** The true class of each row of scores {@code [..., C]} from one-hot targets of the same shape (their arg-max). */
    static int[] fromOneHot(String metric, Tensor predictions, Tensor targets) {
        int classes = MetricSupport.classCount(metric, predictions);
        if (!predictions.shape().equals(targets.shape())) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape()
                    + " and one-hot targets " + targets.shape() + " differ in shape; for integer labels use the"
                    + " sparse version of this metric");
        }
        return MetricSupport.argmaxRows(MetricSupport.values(metric, "targets", targets), classes);
    }

    /** The true class of each row of scores {@code [..., C]} from integer labels {@code [...]} in [0, C). */
    static int[] fromLabels(String metric, Tensor predictions, Tensor labels) {
        int classes = MetricSupport.classCount(metric, predictions);
        return MetricSupport.labels(metric, labels, MetricSupport.withoutClassAxis(predictions), classes);
    }

    /**
     * Adds one observation per row of {@code predictions}: 1 when its true class is the arg-max
     * (k = 0) or among the top k (k ≥ 1), else 0.
     */
    static void add(WeightedMean mean, String metric, Tensor predictions, int[] truth, Tensor sampleWeights, int k) {
        int classes = predictions.dim(-1);
        float[] scores = MetricSupport.values(metric, "predictions", predictions);
        double[] w = MetricSupport.weights(metric, sampleWeights, MetricSupport.withoutClassAxis(predictions));
        for (int row = 0; row < truth.length; row++) {
            boolean hit = k == 0
                    ? MetricSupport.argmax(scores, row, classes) == truth[row]
                    : inTopK(scores, row, classes, truth[row], k);
            mean.add(hit ? 1 : 0, MetricSupport.weight(w, row));
        }
    }

    /**
     * TensorFlow's {@code in_top_k}: the target is in the top k when fewer than k classes score
     * strictly higher, so classes tied at the k-th place all count as in.
     */
    static boolean inTopK(float[] scores, int row, int classes, int target, int k) {
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
