package dev.nabla.metrics;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * One batch of classification decoded to (true class, predicted class, weight) per sample,
 * shared by the precision family, {@link ConfusionMatrix} and {@link ClassificationReport}.
 *
 * @param classes the number of classes the predictions imply (their class axis), or 0 when
 *     they are class indices
 * @param weights one per sample, or null for unit weights
 */
record ClassPairs(int[] truth, int[] predicted, double[] weights, int classes) {

    /**
     * Probabilities (or any scores) and 0/1 targets of the same shape; predicted 1 strictly above
     * threshold. {@code kerasName} names the metric in the advice for an experiment file.
     */
    static ClassPairs binary(String metric, String kerasName, Tensor predictions, Tensor targets, Tensor sampleWeights,
            float threshold) {
        if (!MetricSupport.sameShape(predictions, targets)) {
            throw new AdvisedException(metric, "with the binary average, predictions " + predictions.shape()
                    + " and targets " + targets.shape() + " should have the same shape (probabilities and 0/1"
                    + " targets)", "for class scores [N, C] use Average.MACRO, MICRO, WEIGHTED or NONE",
                    "for class scores [N, C] give the metric an average, as in {name: " + kerasName + ", average: macro}");
        }
        float[] p = MetricSupport.values(metric, "predictions", predictions);
        float[] t = MetricSupport.values(metric, "targets", targets);
        MetricSupport.requireBinary(metric, t);
        int[] truth = new int[t.length];
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            truth[i] = (int) t[i];
            predicted[i] = p[i] > threshold ? 1 : 0;
        }
        double[] w = MetricSupport.weights(metric, sampleWeights, targets.shape().toArray());
        return new ClassPairs(truth, predicted, w, 2);
    }

    /**
     * Scores {@code [..., C]} (predicted class: the arg-max, first on ties) with integer labels
     * {@code [...]} or one-hot targets {@code [..., C]}; or class indices of the same shape as
     * integer labels. Indices must be below {@code limit} when it is positive.
     */
    static ClassPairs multiClass(String metric, Tensor predictions, Tensor targets, Tensor sampleWeights, int limit) {
        if (isScores(predictions, targets)) {
            int classes = predictions.dim(-1);
            if (limit > 0 && classes != limit) {
                throw new IllegalArgumentException(metric + ": predictions " + predictions.shape() + " score "
                        + classes + " classes, but the metric counts " + limit);
            }
            int[] samples = MetricSupport.withoutClassAxis(predictions);
            int[] truth = predictions.shape().equals(targets.shape())
                    ? MetricSupport.argmaxRows(MetricSupport.values(metric, "targets", targets), classes)
                    : MetricSupport.labels(metric, targets, samples, classes);
            int[] predicted = MetricSupport.argmaxRows(MetricSupport.values(metric, "predictions", predictions), classes);
            return new ClassPairs(truth, predicted, MetricSupport.weights(metric, sampleWeights, samples), classes);
        }
        if (!MetricSupport.sameShape(predictions, targets)) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape() + " and targets "
                    + targets.shape() + " do not fit: give scores [N, C] with labels [N] or one-hot targets [N, C],"
                    + " or predicted class indices of the same shape as the labels");
        }
        int[] truth = MetricSupport.classIndices(metric, "label", MetricSupport.values(metric, "targets", targets), limit);
        int[] predicted = MetricSupport.classIndices(metric, "predicted class",
                MetricSupport.values(metric, "predictions", predictions), limit);
        double[] w = MetricSupport.weights(metric, sampleWeights, targets.shape().toArray());
        return new ClassPairs(truth, predicted, w, 0);
    }

    /** Scores {@code [..., C ≥ 2]} with one-hot targets of the same shape or labels without the class axis. */
    private static boolean isScores(Tensor predictions, Tensor targets) {
        if (predictions.rank() < 2 || predictions.dim(-1) < 2) {
            return false;
        }
        int[] samples = MetricSupport.withoutClassAxis(predictions);
        int[] t = targets.shape().toArray();
        boolean labels = Arrays.equals(t, samples)
                || (t.length == samples.length + 1 && t[t.length - 1] == 1
                        && Arrays.equals(Arrays.copyOf(t, samples.length), samples));
        return labels || predictions.shape().equals(targets.shape());
    }
}
