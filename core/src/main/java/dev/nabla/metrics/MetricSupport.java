package dev.nabla.metrics;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** Checks and small loops shared by the metrics; every message starts with the metric's name. */
final class MetricSupport {

    /** Labels live in float32 storage, which holds whole numbers exactly up to 2^24. */
    private static final int LARGEST_LABEL = 1 << 24;

    private MetricSupport() {
    }

    /** The values in row-major order, refusing NaN with its position. */
    static float[] values(String metric, String what, Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                throw new IllegalArgumentException(metric + ": " + what + " " + t.shape()
                        + " hold NaN at flat position " + i);
            }
        }
        return v;
    }

    /** Whether the shapes are equal, or equal once a trailing size-1 axis is dropped from one (Keras squeezes it). */
    static boolean sameShape(Tensor a, Tensor b) {
        int[] x = a.shape().toArray();
        int[] y = b.shape().toArray();
        return Arrays.equals(x, y) || Arrays.equals(dropTrailingOne(x), y) || Arrays.equals(x, dropTrailingOne(y));
    }

    static void requireSameShape(String metric, Tensor predictions, Tensor targets) {
        if (!sameShape(predictions, targets)) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape() + " and targets "
                    + targets.shape() + " differ in shape; they should be equal");
        }
    }

    /**
     * The outputs of regression predictions and targets of one shape: the last axis of
     * {@code [N, k]}, 1 for {@code [N]}; as many as earlier batches had ({@code earlier}, 0 for none).
     */
    static int outputCount(String metric, Tensor predictions, Tensor targets, int earlier) {
        requireSameShape(metric, predictions, targets);
        int k = predictions.rank() >= 2 ? predictions.dim(-1) : 1;
        if (earlier != 0 && k != earlier) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape() + " have " + k
                    + " outputs, earlier batches had " + earlier);
        }
        return k;
    }

    /** The number of classes of scores {@code [..., C]}, the last axis. */
    static int classCount(String metric, Tensor predictions) {
        if (predictions.rank() == 0 || predictions.dim(-1) == 0) {
            throw new IllegalArgumentException(metric + ": predictions " + predictions.shape()
                    + " need a class axis (the last) of size at least 1");
        }
        return predictions.dim(-1);
    }

    /** The shape of scores {@code [..., C]} without the class axis. */
    static int[] withoutClassAxis(Tensor predictions) {
        return Arrays.copyOf(predictions.shape().toArray(), predictions.rank() - 1);
    }

    /**
     * One weight per observation (a row-major array over {@code observations}), or null for
     * unit weights. Weights may have the observations' shape, a leading part of it (one per
     * sample, repeated over the rest), either with a trailing size-1 axis, or be one value.
     */
    static double[] weights(String metric, Tensor weights, int[] observations) {
        if (weights == null) {
            return null;
        }
        int[] w = weights.shape().toArray();
        if (!isPrefix(w, observations) && !isPrefix(dropTrailingOne(w), observations) && weights.size() != 1) {
            throw new IllegalArgumentException(metric + ": sample weights " + weights.shape() + " do not fit "
                    + Shape.of(observations) + ": give one weight per sample, shape "
                    + Shape.of(observations.length == 0 ? observations : new int[] {observations[0]})
                    + ", or one per observation, shape " + Shape.of(observations));
        }
        float[] given = weights.toFloatArray();
        int total = Shape.of(observations).size();
        int repeat = total / Math.max(given.length, 1);
        double[] out = new double[total];
        for (int i = 0; i < total; i++) {
            float v = given[i / repeat];
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(metric + ": sample weight " + v + " at flat position "
                        + i / repeat + " should be finite and ≥ 0");
            }
            out[i] = v;
        }
        return out;
    }

    static double weight(double[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * Class indices from labels {@code [...]} (or {@code [..., 1]}) that should have the shape
     * {@code expected}: whole numbers in {@code [0, classes)}, or merely ≥ 0 when classes is 0.
     */
    static int[] labels(String metric, Tensor labels, int[] expected, int classes) {
        int[] shape = labels.shape().toArray();
        if (!Arrays.equals(shape, expected) && !Arrays.equals(dropTrailingOne(shape), expected)) {
            throw new IllegalArgumentException(metric + ": labels " + labels.shape() + " should have shape "
                    + Shape.of(expected) + ", one class index per sample");
        }
        return classIndices(metric, "label", values(metric, "labels", labels), classes);
    }

    /** Checks that values are whole class indices in [0, classes) (or ≥ 0 when classes is 0). */
    static int[] classIndices(String metric, String what, float[] values, int classes) {
        int limit = classes > 0 ? classes : LARGEST_LABEL;
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v) || v < 0 || v >= limit) {
                throw new IllegalArgumentException(metric + ": " + what + " " + v + " at flat position " + i
                        + " is not a class index in [0, " + (classes > 0 ? classes : "2^24") + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Checks that binary targets are 0 or 1. */
    static void requireBinary(String metric, float[] targets) {
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != 0f && targets[i] != 1f) {
                throw new IllegalArgumentException(metric + ": target " + targets[i] + " at flat position " + i
                        + " is not 0 or 1");
            }
        }
    }

    /** The index of the largest of {@code values[row·C .. row·C + C)}, the first on ties (NumPy's argmax). */
    static int argmax(float[] values, int row, int classes) {
        int start = row * classes;
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (values[start + c] > values[start + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The arg-max of each row of {@code [rows, C]}. */
    static int[] argmaxRows(float[] values, int classes) {
        int[] out = new int[values.length / classes];
        for (int r = 0; r < out.length; r++) {
            out[r] = argmax(values, r, classes);
        }
        return out;
    }

    private static boolean isPrefix(int[] prefix, int[] shape) {
        return prefix.length <= shape.length && Arrays.equals(prefix, Arrays.copyOf(shape, prefix.length));
    }

    private static int[] dropTrailingOne(int[] shape) {
        return shape.length > 0 && shape[shape.length - 1] == 1 ? Arrays.copyOf(shape, shape.length - 1) : shape;
    }
}
