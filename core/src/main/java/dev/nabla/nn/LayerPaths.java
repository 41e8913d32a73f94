package dev.nabla.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every layer inside a model by its dotted path, the prefix of its parameters' state-dict keys
 * (PyTorch's {@code named_modules}): {@code "3"}, {@code "features.2"}, {@code "layer4.1.conv2"}
 * inside a residual block of a zoo ResNet, {@code "conv2d_1"} in a functional {@link Graph};
 * {@link #find} is PyTorch's {@code model.get_submodule("layer4.1.conv2")}.
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
     * The layer at {@code path} inside {@code model}.
     *
     * @throws IllegalArgumentException for a path that names no layer, listing the children where it stops
     */
    public static Layer find(Layer model, String path) {
        Layer current = model;
        for (String name : path.split("\\.", -1)) {
            Layer child = current.children().get(name);
            if (child == null) {
                throw new IllegalArgumentException(model.path() + ": no layer '" + path + "': " + current.path()
                        + " has no child '" + name + "'; its children are " + current.children().keySet());
            }
            current = child;
        }
        return current;
    }

    private static void collect(Layer layer, String prefix, Map<String, Layer> paths) {
        layer.children().forEach((name, child) -> {
            String path = prefix + name;
            paths.putIfAbsent(path, child);
            collect(child, path + ".", paths);
        });
    }
}
