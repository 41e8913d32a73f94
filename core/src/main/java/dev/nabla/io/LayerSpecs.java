package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one place that maps a layer type and arguments to a layer and back: what model files
 * ({@link ModelFile}) store as a model's architecture, and what experiment files name.
 *
 * <pre>{@code
 * Layer dense = LayerSpecs.create("dense", Map.of("units", 10, "use_bias", false));
 * LayerSpec spec = LayerSpecs.describe(new Conv2d(16, 3));  // Conv2d {out_channels: 16, kernel_size: 3, ...}
 * }</pre>
 *
 * <p>Type names are Nabla's class names ({@code BatchNorm2d}) or their snake_case form
 * ({@code batch_norm2d}, as Keras names layers); case and underscores are ignored. Argument
 * names are snake_case ({@code out_channels}, {@code kernel_size}), with Keras's and
 * PyTorch's names as aliases where they differ ({@code filters}, {@code strides},
 * {@code pool_size}, {@code padding_idx}). Values are what a JSON or YAML parser produces:
 * Integer, Long, Double, Boolean, String, List, Map. Every layer also takes
 * {@code trainable: false} to freeze it. Conventions are Nabla's, which are PyTorch's: batch
 * norm's {@code momentum} is the weight of the new batch (Keras's 0.99 is 0.01 here).
 *
 * <p>Only these registered types are ever created, so reading a spec never runs code named
 * by the file. A layer defined by subclassing {@link Layer} has no spec: save its weights
 * ({@link PyTorchWeights#save}) and rebuild it in code.
 */
public final class LayerSpecs {

    private static final Arguments.Declared TRAINABLE =
            new Arguments.Declared("trainable", List.of(), Arguments.Kind.BOOL);
    /** The name a person gave the layer (Layer.named), kept in model files. */
    private static final Arguments.Declared NAME = new Arguments.Declared("name", List.of(), Arguments.Kind.STRING);
    private static final List<LayerType<?>> TYPES = Stream.of(WeightedLayerSpecs.TYPES, SimpleLayerSpecs.TYPES,
            ContainerSpecs.TYPES).flatMap(List::stream).toList();
    private static final Map<String, LayerType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, LayerType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        for (LayerType<?> type : TYPES) {
            BY_NAME.put(normalized(type.name()), type);
            BY_CLASS.put(type.layerClass(), type);
        }
    }

    private LayerSpecs() {
    }

    /**
     * A new layer of the named type with the given arguments (unbuilt unless they give its
     * input size).
     *
     * @throws LayerSpecException for an unknown type (listing the known ones), an unknown,
     *     mistyped or missing argument (naming it, the expected kind and the layer type), or
     *     a value the layer refuses; {@link LayerSpecException#key()} says where
     */
    public static Layer create(String type, Map<String, Object> arguments) {
        LayerType<?> layerType = BY_NAME.get(normalized(type));
        if (layerType == null) {
            throw new LayerSpecException("type", "unknown layer type '" + type + "'; known types: " + String.join(", ",
                    types()) + " (or in snake_case, such as batch_norm2d)");
        }
        List<Arguments.Declared> declared = new ArrayList<>(layerType.arguments());
        declared.add(TRAINABLE);
        declared.add(NAME);
        Arguments checked = new Arguments(layerType.name(), declared, arguments);
        Layer layer;
        try {
            layer = layerType.factory().apply(checked);
        } catch (LayerSpecException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage()).startsWith(layerType.name()) ? e.getMessage()
                    : layerType.name() + ": " + e.getMessage();
            throw new LayerSpecException("", message, e);
        }
        if (!checked.flag("trainable", true)) {
            layer.setTrainable(false);
        }
        if (checked.has("name")) {
            try {
                layer.named((String) checked.raw("name"));
            } catch (IllegalArgumentException e) {
                throw new LayerSpecException("name", layerType.name() + ": " + e.getMessage(), e);
            }
        }
        return layer;
    }

    /** {@link #create(String, Map)} from a spec. */
    public static Layer create(LayerSpec spec) {
        return create(spec.type(), spec.arguments());
    }

    /**
     * The type and arguments that {@link #create} turns into an equivalent layer: the same
     * settings, and the input size once the layer is built, so the new layer is built at
     * once and takes the same weights (which the spec does not hold). Containers describe
     * their layers as nested specs.
     *
     * @throws IllegalArgumentException for a layer that is not a built-in type (a subclass),
     *     naming its path and saying what to do instead
     */
    public static LayerSpec describe(Layer layer) {
        LayerType<?> type = BY_CLASS.get(layer.getClass());
        if (type == null) {
            throw new IllegalArgumentException(layer.path() + ": " + layer.getClass().getName() + " is not a built-in"
                    + " layer type, so its architecture cannot be written down; save the weights only"
                    + " (PyTorchWeights.save or Safetensors.write of stateDict()) and rebuild the model in code");
        }
        Map<String, Object> arguments = new LinkedHashMap<>(type.describe(layer));
        if (!layer.isTrainable()) {
            arguments.put("trainable", false);
        }
        if (layer.givenName() != null) {
            arguments.put("name", layer.givenName());
        }
        return new LayerSpec(type.name(), arguments);
    }

    /**
     * Every registered type with its names, class and arguments (aliases, kind, whether
     * required, default), in the registry's order: what a reference of the layer types lists.
     */
    public static List<LayerTypeDescription> descriptions() {
        return TYPES.stream().map(LayerTypeProbe::describe).toList();
    }

    /** The known type names (the layers' class names), in the registry's order. */
    public static List<String> types() {
        return TYPES.stream().map(LayerType::name).toList();
    }

    /** {@code BatchNorm2d}, {@code batch_norm2d} and {@code batchnorm2d} name the same type. */
    private static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
