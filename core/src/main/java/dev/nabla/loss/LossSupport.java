package dev.nabla.loss;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** Checks and stable formulas shared by the losses. */
final class LossSupport {

    /** Keras's epsilon: probabilities are clamped to [EPSILON, 1 − EPSILON] before a log. */
    static final float EPSILON = 1e-7f;

    private LossSupport() {
    }

    /** log p and log(1 − p) of a binary prediction. */
    record BinaryLogs(Tensor positive, Tensor negative) {
    }

    /** From logits x: log σ(x) = −softplus(−x), log(1 − σ(x)) = −softplus(x); finite for any x. */
    static BinaryLogs binaryLogs(Tensor predictions, boolean fromLogits) {
        if (fromLogits) {
            return new BinaryLogs(predictions.neg().softplus().neg(), predictions.softplus().neg());
        }
        Tensor p = predictions.clamp(EPSILON, 1f - EPSILON);
        return new BinaryLogs(p.log(), p.neg().add(1f).log());
    }

    /** Log-probabilities along the last axis: logSoftmax of logits, or the log of clamped probabilities. */
    static Tensor logProbabilities(Tensor predictions, boolean fromLogits) {
        return fromLogits ? predictions.logSoftmax(-1) : predictions.clamp(EPSILON, 1f - EPSILON).log();
    }

    /** The focal modulating factor (1 − p)^gamma, with 1 − p kept off 0 so its gradient stays finite. */
    static Tensor focalFactor(Tensor oneMinusP, float gamma) {
        return oneMinusP.clamp(Float.MIN_NORMAL, 1f).pow(gamma);
    }

    /** 0.5·d² where |d| ≤ delta, delta·(|d| − 0.5·delta) beyond: quadratic near 0, linear far away. */
    static Tensor huber(Tensor difference, float delta) {
        Tensor size = difference.abs();
        Tensor quadratic = size.minimum(Tensor.scalar(delta));
        return quadratic.mul(quadratic).mul(0.5f).add(size.sub(quadratic).mul(delta));
    }

    /** t·log t, with 0 where t is 0 (SciPy's xlogy(t, t)). */
    static Tensor entropyTerm(Tensor t) {
        return t.mul(Tensor.where(t.gt(0f), t, Tensor.scalar(1f)).log());
    }

    static void requireSameShape(String loss, Tensor predictions, Tensor targets, String hint) {
        requireSameShape(loss, predictions, targets, hint, "");
    }

    /**
     * Predictions and targets of one shape, else an error with the fix in Java (reshape the
     * targets) and in an experiment file, where the targets are the data's and the model is what
     * changes; {@code javaHint} and {@code fileHint} add what the loss knows ("; for labels ...").
     */
    static void requireSameShape(String loss, Tensor predictions, Tensor targets, String javaHint, String fileHint) {
        if (predictions.shape().equals(targets.shape())) {
            return;
        }
        boolean sameSize = predictions.size() == targets.size();
        String javaFix = sameSize ? "reshape the targets, e.g. targets.reshape(" + joined(predictions.shape()) + ")" : "";
        String fileFix = sameSize ? "end the model with " + reshapeTo(targets) + " to give the targets' shape"
                : "the model must give predictions of the targets' shape, " + targets.shape() + " (its last layer's units)";
        throw new AdvisedException(loss, "predictions " + predictions.shape() + " and targets " + targets.shape()
                + " differ in shape", join(javaFix, javaHint), join(fileFix, fileHint));
    }

    /** The layer of an experiment file that turns a batch of predictions into the targets' shape. */
    private static String reshapeTo(Tensor targets) {
        if (targets.rank() <= 1) {
            return "{type: flatten, start_axis: 0}";
        }
        int[] sample = Arrays.copyOfRange(targets.shape().toArray(), 1, targets.rank());
        return "{type: reshape, shape: " + Arrays.toString(sample) + "}";
    }

    private static String join(String fix, String hint) {
        String trimmed = hint.startsWith("; ") ? hint.substring(2) : hint;
        return fix.isEmpty() ? trimmed : trimmed.isEmpty() ? fix : fix + "; " + trimmed;
    }

    /** The size of the class axis (the last) of predictions of shape [..., classes]. */
    static int classCount(String loss, Tensor predictions) {
        if (predictions.rank() == 0 || predictions.dim(-1) == 0) {
            throw new IllegalArgumentException(loss + ": predictions " + predictions.shape()
                    + " need a class axis (the last) of size at least 1");
        }
        return predictions.dim(-1);
    }

    /** Per-class weights: one weight, or one per class as a vector of size {@code classes}. */
    static void requireClassWeights(String loss, String option, Tensor weights, Tensor predictions) {
        int classes = classCount(loss, predictions);
        if (weights.rank() > 1 || (weights.size() != 1 && weights.size() != classes)) {
            throw new IllegalArgumentException(loss + ": " + option + " " + weights.shape()
                    + " should hold one value per class, shape [" + classes + "], for predictions "
                    + predictions.shape());
        }
    }

    static float requireFraction(String loss, String option, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(loss + ": " + option + " must be in [0, 1], got " + value);
        }
        return value;
    }

    static float requireNonNegative(String loss, String option, float value) {
        if (!(value >= 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(loss + ": " + option + " must be finite and ≥ 0, got " + value);
        }
        return value;
    }

    static <T> T requireNonNull(String loss, String option, T value) {
        if (value == null) {
            throw new IllegalArgumentException(loss + ": " + option + " must not be null");
        }
        return value;
    }

    /**
     * Labels of shape [...] for predictions [..., classes] (a trailing size-1 axis is
     * dropped, as Keras allows), checked to be class indices or {@code ignoreIndex}.
     */
    static Tensor classLabels(String loss, Tensor predictions, Tensor labels, Integer ignoreIndex) {
        int classes = classCount(loss, predictions);
        int[] expected = Arrays.copyOf(predictions.shape().toArray(), predictions.rank() - 1);
        if (labels.rank() == expected.length + 1 && labels.dim(-1) == 1) {
            labels = labels.reshape(dropLast(labels));
        }
        if (!Arrays.equals(labels.shape().toArray(), expected)) {
            String problem = labelShapeProblem(predictions, labels, expected);
            if (labels.shape().equals(predictions.shape())) {
                throw new AdvisedException(loss, problem, "for one-hot or probability targets use CategoricalCrossEntropy",
                        "for one-hot or probability targets use loss: categorical_crossentropy");
            }
            throw new IllegalArgumentException(loss + ": " + problem);
        }
        float[] values = labels.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            boolean ignored = ignoreIndex != null && v == ignoreIndex;
            if (!ignored && (v != Math.rint(v) || v < 0 || v >= classes)) {
                throw new IllegalArgumentException(loss + ": label " + v + " at flat position " + i
                        + " is not a class index in [0, " + classes + ") for predictions " + predictions.shape());
            }
        }
        return labels;
    }

    private static String labelShapeProblem(Tensor predictions, Tensor labels, int[] expected) {
        String both = "predictions " + predictions.shape() + " and labels " + labels.shape();
        if (labels.shape().equals(predictions.shape())) {
            return both + " have the same shape, but labels should be one class index per sample, shape "
                    + Shape.of(expected);
        }
        if (labels.rank() == expected.length && expected.length > 0) {
            for (int d = 0; d < expected.length; d++) {
                if (labels.dim(d) != expected[d]) {
                    return both + " disagree in " + (d == 0 ? "the batch dimension" : "dimension " + d);
                }
            }
        }
        return both + " do not fit: labels should have shape " + Shape.of(expected)
                + ", the predictions' shape without its class axis";
    }

    private static int[] dropLast(Tensor t) {
        return Arrays.copyOf(t.shape().toArray(), t.rank() - 1);
    }

    private static String joined(Shape shape) {
        return Arrays.toString(shape.toArray()).replaceAll("[\\[\\]]", "");
    }
}
