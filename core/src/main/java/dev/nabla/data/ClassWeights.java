package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * Weights per class that make an imbalanced data set count every class equally, for
 * {@code FitOptions.classWeights} (Keras's {@code class_weight}).
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * scikit-learn's {@code compute_class_weight("balanced")}: class {@code c}, with
     * {@code n_c} of the {@code n} examples, weighs {@code n / (numClasses · n_c)}, so every
     * class contributes the same total weight and the weights average 1 over the examples.
     * {@code labels} holds one class index in {@code [0, numClasses)} per example ({@code [N]});
     * a class without examples is an error, as in scikit-learn (its weight would be infinite).
     */
    public static float[] balanced(Tensor labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("ClassWeights.balanced: need at least one class, got " + numClasses);
        }
        int[] classes = ClassLabels.of(labels, "ClassWeights.balanced");
        long[] counts = new long[numClasses];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= numClasses) {
                throw new IllegalArgumentException("ClassWeights.balanced: label " + classes[i] + " of example " + i
                        + " is not a class index in [0, " + numClasses + ")");
            }
            counts[classes[i]]++;
        }
        float[] weights = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("ClassWeights.balanced: class " + c + " has no examples, so its"
                        + " balanced weight would be infinite; give it examples or leave it out of numClasses");
            }
            weights[c] = (float) (classes.length / ((double) numClasses * counts[c]));
        }
        return weights;
    }
}
