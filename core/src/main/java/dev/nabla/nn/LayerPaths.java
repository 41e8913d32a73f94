package dev.nabla.nn;

/**
 * Finds a layer inside a model by its dotted path of child names ({@code layer4},
 * {@code layer4.1.conv2}, {@code features.denseblock4}), as the state-dict keys name it and as
 * PyTorch's {@code model.get_submodule("layer4.1.conv2")} does.
 */
public final class LayerPaths {

    private LayerPaths() {
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
}
