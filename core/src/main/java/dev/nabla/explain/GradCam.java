package dev.nabla.explain;

import dev.nabla.nn.ForwardHook;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import dev.nabla.tensor.Tensor;
import java.util.Objects;

/**
 * Grad-CAM (Selvaraju et al. 2017; Captum's {@code LayerGradCam}): the output {@code A [n, c,
 * h, w]} of a named layer of any model (a {@link dev.nabla.nn.Sequential}, a functional
 * {@link dev.nabla.nn.Graph}, a zoo ResNet's residual blocks), each channel weighted by the mean
 * over space of the target score's gradient with respect to it, summed over channels:
 * {@code [n, 1, h, w]}. Like Captum's default it keeps negative values ({@link #relu} drops them,
 * as the paper's heatmaps do); {@link #upsample} stretches a map to the input's size for an
 * overlay. The layer is named by its path ({@link LayerPaths}): {@code "6"}, {@code "features.2"}
 * inside a nested Sequential, {@code "layer4"} or {@code "layer4.1.conv2"} in a ResNet,
 * {@code "conv2d_1"} in a graph. A layer called several times in one forward pass is read at its
 * last call.
 */
public final class GradCam {

    private final Layer model;
    private final String layer;
    private final Layer target;
    private boolean relu;

    /** Grad-CAM of {@code model} at the layer whose path is {@code layer}; throws naming the model's layers if none is. */
    public GradCam(Layer model, String layer) {
        this.model = Objects.requireNonNull(model, "model");
        this.layer = Objects.requireNonNull(layer, "layer");
        try {
            this.target = LayerPaths.find(model, layer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Grad-CAM: " + e.getMessage(), e);
        }
    }

    /** Keep only positive evidence (Captum's {@code relu_attributions=True}); off by default. */
    public GradCam relu(boolean value) {
        relu = value;
        return this;
    }

    /** The class-activation map of {@code input} for {@code targets}: one class for all, or one per sample. */
    public Tensor attribute(Tensor input, int... targets) {
        int[] perSample = Gradients.targets(input.dim(0), targets);
        Tensor[] activation = new Tensor[1];
        try (ForwardHook hook = target.addForwardHook(output -> {
            output.retainGrad();
            activation[0] = output;
        })) {
            Gradients.backward(model, m -> Gradients.scores(model.forward(input.detach()), perSample).sum());
        }
        if (activation[0] == null) {
            throw new IllegalArgumentException("Grad-CAM: layer '" + layer + "' did not run in the forward pass"
                    + " (a layer that overrides forward(Tensor) itself cannot be observed); choose another");
        }
        Tensor values = activation[0].detach();
        if (values.shape().rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM: layer '" + layer + "' gives " + values.shape()
                    + "; it needs a [samples, channels, height, width] output, such as a convolution's");
        }
        if (activation[0].grad() == null) {
            throw new IllegalArgumentException("Grad-CAM: the target score does not depend on layer '" + layer
                    + "'s output; choose a layer on the path to the output");
        }
        Tensor weights = activation[0].grad().mean(new int[] {2, 3}, true);
        Tensor map = values.mul(weights).sum(1, true);
        return relu ? map.relu() : map;
    }

    /** Bilinear resizing of maps {@code [n, c, h, w] → [n, c, height, width]} (PyTorch's {@code interpolate}, {@code align_corners=False}). */
    public static Tensor upsample(Tensor maps, int height, int width) {
        int n = maps.dim(0) * maps.dim(1);
        int inHeight = maps.dim(2);
        int inWidth = maps.dim(3);
        float[] in = maps.toFloatArray();
        float[] out = new float[n * height * width];
        for (int plane = 0; plane < n; plane++) {
            for (int y = 0; y < height; y++) {
                double sourceY = Math.max(0, (y + 0.5) * inHeight / height - 0.5);
                int y0 = Math.min((int) sourceY, inHeight - 1);
                int y1 = Math.min(y0 + 1, inHeight - 1);
                double fy = sourceY - y0;
                for (int x = 0; x < width; x++) {
                    double sourceX = Math.max(0, (x + 0.5) * inWidth / width - 0.5);
                    int x0 = Math.min((int) sourceX, inWidth - 1);
                    int x1 = Math.min(x0 + 1, inWidth - 1);
                    double fx = sourceX - x0;
                    int base = plane * inHeight * inWidth;
                    double top = in[base + y0 * inWidth + x0] * (1 - fx) + in[base + y0 * inWidth + x1] * fx;
                    double bottom = in[base + y1 * inWidth + x0] * (1 - fx) + in[base + y1 * inWidth + x1] * fx;
                    out[(plane * height + y) * width + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return Tensor.of(out, maps.dim(0), maps.dim(1), height, width);
    }
}
