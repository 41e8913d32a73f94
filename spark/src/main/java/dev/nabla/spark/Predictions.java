package dev.nabla.spark;

import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;

/** From a network's outputs to class probabilities and classes. */
final class Predictions {

    private static final float PROBABILITY_TOLERANCE = 1e-3f;

    private Predictions() {
    }

    /** The network's outputs {@code [batch, classes]} for {@code features}, with evaluation behaviour and no gradients. */
    static Tensor outputs(Layer network, Tensor features) {
        try (Inference ignored = Inference.enter()) {
            return network.forward(features);
        }
    }

    /** Each row as probabilities: as it is when it already is one (a softmax output), else through a softmax (logits). */
    static float[][] probabilities(Tensor outputs) {
        if (outputs.rank() != 2) {
            throw new IllegalArgumentException("batch inference needs outputs [batch, classes], got " + outputs.shape());
        }
        int rows = outputs.dim(0);
        int classes = outputs.dim(1);
        float[] values = outputs.toFloatArray();
        float[][] out = new float[rows][classes];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * classes, out[r], 0, classes);
            if (!isDistribution(out[r])) {
                softmax(out[r]);
            }
        }
        return out;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean isDistribution(float[] row) {
        double sum = 0;
        for (float value : row) {
            if (value < 0) {
                return false;
            }
            sum += value;
        }
        return Math.abs(sum - 1) <= PROBABILITY_TOLERANCE;
    }

    private static void softmax(float[] row) {
        float max = row[argmax(row)];
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) Math.exp(row[i] - max);
            sum += row[i];
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (row[i] / sum);
        }
    }
}
