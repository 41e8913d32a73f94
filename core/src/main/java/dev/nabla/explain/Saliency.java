package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;

/**
 * Vanilla-gradient saliency (Simonyan et al. 2014; Captum's {@code Saliency} with its default
 * {@code abs=True}): the absolute gradient of the target class's score with respect to each
 * input value. {@code input [n, ...] → [n, ...]}, the same shape.
 */
public final class Saliency {

    private Saliency() {
    }

    /**
     * The saliency of {@code input} for {@code targets}: one class for every sample, or one per sample.
     *
     * @throws IllegalArgumentException if the model's output is not {@code [n, classes]} or a target is out of range
     */
    public static Tensor attribute(Layer model, Tensor input, int... targets) {
        return Gradients.ofInput(model, input, Gradients.targets(input.dim(0), targets)).abs();
    }
}
