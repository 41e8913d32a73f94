package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grad-CAM (Selvaraju et al. 2017; Captum's {@code LayerGradCam}): the output {@code A [n, c,
 * h, w]} of a named layer of a {@link Sequential} (a convolution, usually the last), each
 * channel weighted by the mean over space of the target score's gradient with respect to it,
 * summed over channels: {@code [n, 1, h, w]}. Like Captum's default it keeps negative values
 * ({@link #relu} drops them, as the paper's heatmaps do); {@link #upsample} stretches a map to
 * the input's size for an overlay. The layer is named by its path: {@code "6"}, or
 * {@code "features.2"} inside a nested Sequential.
 */
public final class GradCam {

    private final Sequential model;
    private final String layer;
    private boolean relu;

    public GradCam(Sequential model, String layer) {
        this.model = Objects.requireNonNull(model, "model");
        this.layer = Objects.requireNonNull(layer, "layer");
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
        Gradients.backward(model, m -> {
            Tensor output = forward(model, "", input.detach(), activation);
            if (activation[0] == null) {
                throw new IllegalArgumentException("Grad-CAM: the model has no layer '" + layer + "'; its layers: "
                        + String.join(", ", paths(model, "")));
            }
            return Gradients.scores(output, perSample).sum();
        });
        Tensor values = activation[0].detach();
        if (values.shape().rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM: layer '" + layer + "' gives " + values.shape()
                    + "; it needs a [samples, channels, height, width] output, such as a convolution's");
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

    /** Runs the Sequential child by child, keeping the named layer's output (with its gradient retained). */
    private Tensor forward(Sequential sequential, String prefix, Tensor x, Tensor[] activation) {
        for (Map.Entry<String, Layer> child : sequential.children().entrySet()) {
            String path = prefix + child.getKey();
            if (child.getValue() instanceof Sequential nested && layer.startsWith(path + ".")) {
                x = forward(nested, path + ".", x, activation);
            } else {
                x = child.getValue().forward(x);
            }
            if (path.equals(layer)) {
                x.retainGrad();
                activation[0] = x;
            }
        }
        return x;
    }

    private static List<String> paths(Sequential sequential, String prefix) {
        List<String> paths = new ArrayList<>();
        sequential.children().forEach((name, child) -> {
            paths.add(prefix + name);
            if (child instanceof Sequential nested) {
                paths.addAll(paths(nested, prefix + name + "."));
            }
        });
        return paths;
    }
}
