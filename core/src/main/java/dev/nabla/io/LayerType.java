package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * One entry of the {@link LayerSpecs} registry: a layer class, the arguments it takes, how to
 * create one from them, how to describe an existing one as arguments again, and the other
 * names (Keras's, PyTorch's) it is known by. The built-in layers are registered this way, and
 * so are a user's layers and a model zoo's blocks, so that model files can hold them
 * ({@link LayerSpecs#register}, Keras's {@code register_keras_serializable}):
 *
 * <pre>{@code
 * LayerSpecs.register(LayerType.of(Scale.class, "factor: float",
 *         arguments -> new Scale(arguments.number("factor", 1f)),
 *         scale -> LayerType.values("factor", scale.factor())));
 * }</pre>
 *
 * <p>The describer gives the arguments that make an equivalent layer; the factory must make
 * one from them, built (its parameters created) when the arguments give its input size, so
 * that saved weights load into it. Weights are not arguments: a model file stores them apart.
 *
 * @param <L> the layer class; describing is by exact class, so a subclass needs its own entry
 */
public final class LayerType<L extends Layer> {

    /**
     * Another name of the type, such as Keras's {@code MaxPooling2D}, and how arguments written
     * under it become the type's own, for a framework whose convention differs (Keras's batch
     * normalisation momentum is 1 minus PyTorch's); most aliases keep the arguments as they are.
     */
    record Alias(String name, UnaryOperator<Map<String, Object>> translation) {
    }

    private final String name;
    private final Class<L> layerClass;
    private final List<Arguments.Declared> arguments;
    private final Function<Arguments, L> factory;
    private final Function<L, Map<String, Object>> describer;
    private final List<Alias> aliases;

    private LayerType(String name, Class<L> layerClass, List<Arguments.Declared> arguments,
            Function<Arguments, L> factory, Function<L, Map<String, Object>> describer, List<Alias> aliases) {
        this.name = name;
        this.layerClass = layerClass;
        this.arguments = List.copyOf(arguments);
        this.factory = factory;
        this.describer = describer;
        this.aliases = List.copyOf(aliases);
    }

    /**
     * A type named after the class's simple name ({@code Scale}), whose arguments are declared as
     * {@code "units|out_features: int, use_bias|bias: bool"}: each a snake_case name, its other
     * names after {@code |}, and its kind, one of {@code int}, {@code float}, {@code bool},
     * {@code string}, {@code ints} (one integer or a list), {@code padding} (sizes, "same" or
     * "valid"), {@code list} and {@code map}.
     *
     * @param factory   makes a layer from checked arguments; it throws {@link IllegalArgumentException}
     *                  for values the layer refuses, which {@link LayerSpecs#create} reports with the type
     * @param describer the arguments that recreate a layer, leaving out those at their default
     *                  ({@link #values} drops nulls)
     * @throws IllegalArgumentException for a malformed signature
     */
    public static <L extends Layer> LayerType<L> of(Class<L> layerClass, String signature,
            Function<Arguments, L> factory, Function<L, Map<String, Object>> describer) {
        Objects.requireNonNull(layerClass, "layerClass");
        return new LayerType<>(layerClass.getSimpleName(), layerClass,
                Arguments.signature(layerClass.getSimpleName(), signature), Objects.requireNonNull(factory, "factory"),
                Objects.requireNonNull(describer, "describer"), List.of());
    }

    /**
     * The same entry under another name, for a class whose simple name another type has
     * ({@code named("ZooResidualBlock")}); the name is what model files write.
     */
    public LayerType<L> named(String typeName) {
        return new LayerType<>(typeName, layerClass, arguments, factory, describer, aliases);
    }

    /** The same entry, also known by {@code names}, whose arguments mean what they mean under the type's name. */
    public LayerType<L> alias(String... names) {
        return alias(UnaryOperator.identity(), names);
    }

    /** The same entry, also known by {@code names}, whose arguments {@code translation} turns into the type's. */
    LayerType<L> alias(UnaryOperator<Map<String, Object>> translation, String... names) {
        List<Alias> all = new ArrayList<>(aliases);
        for (String alias : names) {
            all.add(new Alias(alias, translation));
        }
        return new LayerType<>(name, layerClass, arguments, factory, describer, all);
    }

    /** The type's name: the layer's class name unless {@link #named} says otherwise. */
    public String name() {
        return name;
    }

    /** The class the type creates and describes. */
    public Class<L> layerClass() {
        return layerClass;
    }

    @Override
    public String toString() {
        return name + " (" + layerClass.getName() + ")";
    }

    List<Arguments.Declared> arguments() {
        return arguments;
    }

    List<Alias> aliases() {
        return aliases;
    }

    /** A new layer from checked arguments. */
    L create(Arguments checked) {
        return factory.apply(checked);
    }

    /** The arguments that recreate {@code layer}. */
    Map<String, Object> describe(Layer layer) {
        return describer.apply(layerClass.cast(layer));
    }

    /**
     * An ordered map of names and values, leaving out null values (arguments left at their
     * default): {@code values("units", 10, "in_features", null)} is {@code {units=10}}.
     */
    public static Map<String, Object> values(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("values: give names and values in pairs, got "
                    + namesAndValues.length + " items");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                out.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return out;
    }

    /** A size known once the layer is built (-1 before), or null. */
    static Integer known(int size) {
        return size < 0 ? null : size;
    }

    /** One value when both are equal, else the pair: {@code 3} or {@code [3, 5]}. */
    static Object compact(int height, int width) {
        return height == width ? (Object) height : List.of(height, width);
    }

    /** Sizes as a list, as JSON writes them. */
    static List<Integer> list(int[] sizes) {
        return Arrays.stream(sizes).boxed().toList();
    }

    /** A pair from one or two sizes. */
    static int[] pair(int[] sizes) {
        return sizes.length == 1 ? new int[] {sizes[0], sizes[0]} : sizes;
    }

    /** Builds {@code layer} now for an input of the given size, when the argument {@code name} gives it. */
    static <L extends Layer> L sized(L layer, Arguments arguments, String name, IntFunction<int[]> inputShape) {
        if (arguments.has(name)) {
            layer.build(inputShape.apply(arguments.integer(name)));
        }
        return layer;
    }
}
