package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place that maps a layer type and arguments to a layer and back: what model files
 * ({@link ModelFile}) store as a model's architecture, and what experiment files name.
 *
 * <pre>{@code
 * Layer dense = LayerSpecs.create("dense", Map.of("units", 10, "use_bias", false));
 * LayerSpec spec = LayerSpecs.describe(new Conv2d(16, 3));  // Conv2d {out_channels: 16, kernel_size: [3, 3], ...}
 * }</pre>
 *
 * <p>A layer's arguments are the components of its configuration record ({@code Dense.Config},
 * {@link LayerType#ofRecord}), named in snake_case: the record holds the settings and their
 * defaults, and {@code layer.config()} gives them back with the input size of a built layer.
 *
 * <p>Type names are Nabla's class names ({@code BatchNorm2d}) or their snake_case form
 * ({@code batch_norm2d}, as Keras names layers); case and underscores are ignored. Argument
 * names are snake_case ({@code out_channels}, {@code kernel_size}), with Keras's and
 * PyTorch's names as aliases where they differ ({@code filters}, {@code strides},
 * {@code pool_size}, {@code padding_idx}). Types have Keras's and PyTorch's names as aliases too
 * ({@code MaxPooling2D}, {@code BatchNormalization}, {@code Linear}; {@link #aliases}); an
 * unknown type or argument is answered with the closest known name. Values are what a JSON or
 * YAML parser produces: Integer, Long, Double, Boolean, String, List, Map. Every layer also
 * takes {@code trainable: false} to freeze it. Conventions are Nabla's, which are PyTorch's:
 * batch norm's {@code momentum} is the weight of the new batch (Keras's 0.99 is 0.01 here),
 * except under Keras's name {@code BatchNormalization}, where it is Keras's and is converted.
 * Messages name the type as the caller wrote it.
 *
 * <p>Only registered types are ever created, so reading a spec never runs code named by the
 * file. A layer defined by subclassing {@link Layer} has a spec once its type is registered
 * ({@link #register}, with a {@link LayerType}); otherwise save its weights
 * ({@link PyTorchWeights#save}) and rebuild it in code.
 */
public final class LayerSpecs {

    private static final Arguments.Declared TRAINABLE =
            new Arguments.Declared("trainable", List.of(), Arguments.Kind.BOOL);
    /** The name a person gave the layer (Layer.named), kept in model files. */
    private static final Arguments.Declared NAME = new Arguments.Declared("name", List.of(), Arguments.Kind.STRING);
    /** Replaced, never changed, by each registration, so that readers on any thread see a whole registry. */
    private static volatile LayerTypeRegistry registry = LayerTypeRegistry.builtIn(Stream.of(
            BuiltInLayerSpecs.TYPES, ContainerSpecs.TYPES, BlockLayerSpecs.TYPES, RecurrentLayerSpecs.TYPES,
            AttentionLayerSpecs.TYPES,
            LanguageModelSpecs.TYPES)
            .flatMap(List::stream).toList());

    private LayerSpecs() {
    }

    /**
     * Adds a layer type defined outside Nabla (a user's layer, a model zoo's block), so that
     * {@link #describe} writes it down, model files save it, and {@link #create} and model files
     * make it again. Register a type once, before saving or loading models that hold it (in a
     * static initializer of the code that defines it, say); loading a model file creates only
     * registered types.
     *
     * @throws IllegalArgumentException when the class is registered already, or the type's name or
     *     one of its aliases is invalid or taken by another type (names ignore case and underscores)
     */
    public static synchronized void register(LayerType<?> type) {
        registry = registry.with(java.util.Objects.requireNonNull(type, "LayerSpecs.register: type"), false);
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
        LayerTypeRegistry types = registry;
        LayerType<?> layerType = types.named(type);
        if (layerType == null) {
            List<String> names = new ArrayList<>(types());
            types.types().forEach(t -> t.aliases().forEach(alias -> names.add(alias.name())));
            throw new LayerSpecException("type", "unknown layer type '" + type + "'; known types: " + String.join(", ",
                    types()) + " (or in snake_case, such as batch_norm2d, or by Keras's and PyTorch's names, such as"
                    + " MaxPooling2D and Linear; a type defined outside Nabla is known once registered with"
                    + " LayerSpecs.register)" + Suggestions.didYouMean(type, names));
        }
        LayerType.Alias alias = types.alias(type);
        Map<String, Object> own;
        try {
            own = layerType.translate(alias == null ? arguments : alias.translation()
                    .apply(new LinkedHashMap<>(arguments)));
        } catch (LayerSpecException e) {
            throw new LayerSpecException(e.key(), type + ": " + e.detail(), e);
        }
        List<Arguments.Declared> declared = new ArrayList<>(layerType.arguments());
        declared.add(TRAINABLE);
        declared.add(NAME);
        // Messages name the type as the caller wrote it: max_pooling2d in a YAML file, Dense in a model file.
        Arguments checked = new Arguments(type, declared, own);
        Layer layer;
        try {
            layer = layerType.create(checked);
        } catch (LayerSpecException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            message = message.startsWith(layerType.name() + ":") ? type + message.substring(layerType.name().length())
                    : type + ": " + message;
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
     * @throws IllegalArgumentException for a layer whose class is not a registered type (a
     *     subclass), naming its path and saying what to do instead
     */
    public static LayerSpec describe(Layer layer) {
        LayerType<?> type = registry.ofClass(layer.getClass());
        if (type == null) {
            throw new IllegalArgumentException(layer.path() + ": " + layer.getClass().getName() + " is not a registered"
                    + " layer type, so its architecture cannot be written down; register it (LayerSpecs.register),"
                    + " or save the weights only (PyTorchWeights.save or Safetensors.write of stateDict()) and rebuild"
                    + " the model in code");
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
     * required, default), the built-in ones first ({@link LayerTypeDescription#builtIn()}),
     * then those {@link #register registered} in their order: what a reference of the layer types lists.
     */
    public static List<LayerTypeDescription> descriptions() {
        LayerTypeRegistry types = registry;
        return types.types().stream().map(t -> LayerTypeProbe.describe(t, types.isBuiltIn(t))).toList();
    }

    /**
     * The known type names (the layers' class names unless registered under another), the
     * built-in ones first in the registry's order, then those {@link #register registered}.
     */
    public static List<String> types() {
        return registry.types().stream().map(LayerType::name).toList();
    }

    /**
     * The other names of a type (given by any of its names), as Keras and PyTorch spell them:
     * {@code MaxPooling2D} for {@code MaxPool2d}, {@code Linear} for {@code Dense}, and those
     * that differ from Nabla's by case only ({@code LeakyReLU}), which any spelling finds anyway.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static List<String> aliases(String type) {
        return typeNamed(type).aliases().stream().map(LayerType.Alias::name).toList();
    }

    /**
     * The type's argument names, each with its other names ({@code units|out_features}), in the
     * order the type declares them, {@code trainable} last.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static List<String> arguments(String type) {
        List<String> out = new ArrayList<>();
        for (Arguments.Declared d : typeNamed(type).arguments()) {
            out.add(Stream.concat(Stream.of(d.name()), d.aliases().stream()).collect(Collectors.joining("|")));
        }
        out.add(TRAINABLE.name());
        return out;
    }

    /**
     * The type's own name for any of its names ({@code Dense} for {@code linear}), or null for
     * an unknown name.
     */
    public static String canonicalName(String type) {
        LayerType<?> found = registry.named(type);
        return found == null ? null : found.name();
    }

    private static LayerType<?> typeNamed(String type) {
        LayerType<?> found = registry.named(type);
        if (found == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
        return found;
    }
}
