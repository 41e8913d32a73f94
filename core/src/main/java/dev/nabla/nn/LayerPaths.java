package dev.nabla.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every layer inside a model by its dotted path, the prefix of its parameters' state-dict keys
 * (PyTorch's {@code named_modules}): {@code "3"}, {@code "features.2"}, {@code "layer4.1.conv2"}
 * inside a residual block of a zoo ResNet, {@code "conv2d_1"} in a functional {@link Graph}.
 */
public final class LayerPaths {

    private LayerPaths() {
    }

    /** Every layer below {@code model} (not the model itself), parents before their children, in registration order. */
    public static Map<String, Layer> of(Layer model) {
        Map<String, Layer> paths = new LinkedHashMap<>();
        collect(model, "", paths);
        return paths;
    }

    /** The layers among {@link #of} that have no children: the ones that compute (convolutions, activations, ...). */
    public static Map<String, Layer> leaves(Layer model) {
        Map<String, Layer> leaves = new LinkedHashMap<>();
        of(model).forEach((path, layer) -> {
            if (layer.children().isEmpty()) {
                leaves.put(path, layer);
            }
        });
        return leaves;
    }

    /**
     * The layer at {@code path}.
     *
     * @throws IllegalArgumentException naming the paths there are, when none is at {@code path}
     */
    public static Layer find(Layer model, String path) {
        Layer layer = of(model).get(path);
        if (layer == null) {
            List<String> known = List.copyOf(of(model).keySet());
            throw new IllegalArgumentException("the model has no layer '" + path + "'; its layers: "
                    + String.join(", ", known.size() > 60 ? known.subList(0, 60) : known)
                    + (known.size() > 60 ? ", ... (" + known.size() + " in all)" : ""));
        }
        return layer;
    }

    private static void collect(Layer layer, String prefix, Map<String, Layer> paths) {
        layer.children().forEach((name, child) -> {
            String path = prefix + name;
            paths.putIfAbsent(path, child);
            collect(child, path + ".", paths);
        });
    }
}
