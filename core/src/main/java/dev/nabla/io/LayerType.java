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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One entry of the {@link LayerSpecs} registry: a layer class, the arguments it takes, how to
 * create one from them, how to describe an existing one as arguments again, and the other
 * names (Keras's, PyTorch's) it is known by. The built-in layers are registered this way, and
 * so are a user's layers and a model zoo's blocks, so that model files can hold them
 * ({@link LayerSpecs#register}, Keras's {@code register_keras_serializable}). A layer with a
 * configuration record registers in one line ({@link #ofRecord}); one without declares its
 * arguments and two functions ({@link #of(Class, String, Function, Function)}):
 *
 * <pre>{@code
 * LayerSpecs.register(LayerType.ofRecord(Scale.class, Scale.Config.class, Scale::new, Scale::config));
 * LayerSpecs.register(LayerType.of(Shift.class, "offset: float",
 *         arguments -> new Shift(arguments.number("offset", 0f)),
 *         shift -> LayerType.values("offset", shift.offset())));
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
    /** What arguments written for this type become before they are checked (refusing or mapping a value). */
    private final UnaryOperator<Map<String, Object>> translation;

    private LayerType(String name, Class<L> layerClass, List<Arguments.Declared> arguments,
            Function<Arguments, L> factory, Function<L, Map<String, Object>> describer, List<Alias> aliases,
            UnaryOperator<Map<String, Object>> translation) {
        this.name = name;
        this.layerClass = layerClass;
        this.arguments = List.copyOf(arguments);
        this.factory = factory;
        this.describer = describer;
        this.aliases = List.copyOf(aliases);
        this.translation = translation;
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
                Objects.requireNonNull(describer, "describer"), List.of(), UnaryOperator.identity());
    }

    /**
     * A type whose arguments are the components of the layer's configuration record, named in
     * snake_case ({@code inFeatures} is {@code in_features}): the layer is made from the record
     * and written down as the record it gives back, so the record alone holds the settings and
     * their defaults.
     *
     * <pre>{@code
     * public record Config(int features, float initialScale) {
     *     public static Config of(int features) { return new Config(features, 1f); }
     * }
     * LayerSpecs.register(LayerType.ofRecord(Scale.class, Scale.Config.class, Scale::new, Scale::config));
     * }</pre>
     *
     * <p>The record's public static {@code of} method takes the required components (the first
     * ones, in order) and gives the others their defaults; a component that is null is one not
     * given (a size taken from the input) and is left out when written. Components may be
     * {@code int}, {@code float}, {@code double}, {@code boolean}, their boxed forms, {@code String},
     * {@code int[]}, an enum (written as its lower-case name), {@code List} or {@code Map}. The
     * layer's constructor throws {@link IllegalArgumentException} for values it refuses, which
     * {@link LayerSpecs#create} reports with the type; {@code configuration} gives a built layer's
     * record with the input size it was built for, so that the layer made again takes its weights.
     *
     * @throws IllegalArgumentException when the record has no such {@code of} method, or a
     *     component of a type no argument holds
     */
    public static <L extends Layer, C extends Record> LayerType<L> ofRecord(Class<L> layerClass, Class<C> recordClass,
            Function<C, L> factory, Function<L, C> configuration) {
        Objects.requireNonNull(layerClass, "layerClass");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(configuration, "configuration");
        RecordArguments<C> form = RecordArguments.of(Objects.requireNonNull(recordClass, "recordClass"));
        return new LayerType<>(layerClass.getSimpleName(), layerClass, form.declared(),
                arguments -> factory.apply(form.read(arguments)), layer -> form.write(configuration.apply(layer)),
                List.of(), UnaryOperator.identity());
    }

    /** A type without arguments ({@code Relu}), made by {@code factory}. */
    public static <L extends Layer> LayerType<L> of(Class<L> layerClass, Supplier<L> factory) {
        Objects.requireNonNull(factory, "factory");
        return of(layerClass, "", arguments -> factory.get(), layer -> Map.of());
    }

    /**
     * The same entry, whose arguments also take the names given as {@code "units|out_features,
     * use_bias|bias"}: each argument's name, then its other names (Keras's and PyTorch's) after {@code |}.
     *
     * @throws IllegalArgumentException for a name the type does not declare
     */
    public LayerType<L> argumentAliases(String names) {
        List<Arguments.Declared> all = new ArrayList<>(arguments);
        for (Arguments.Declared extra : Arguments.signature(name, names.replaceAll("\\s*(,|$)", ": int$1"))) {
            int index = all.stream().map(Arguments.Declared::name).toList().indexOf(extra.name());
            if (index < 0) {
                throw new IllegalArgumentException(name + ": argumentAliases names '" + extra.name() + "', which is"
                        + " not an argument; known: " + all.stream().map(Arguments.Declared::name).toList());
            }
            Arguments.Declared old = all.get(index);
            List<String> aliases = new ArrayList<>(old.aliases());
            aliases.addAll(extra.aliases());
            all.set(index, new Arguments.Declared(old.name(), aliases, old.kind()));
        }
        return new LayerType<>(name, layerClass, all, factory, describer, aliases, translation);
    }

    /** The same entry without the named arguments, which keep the value the factory gives them. */
    LayerType<L> excluding(String... names) {
        List<String> left = List.of(names);
        Function<L, Map<String, Object>> described = layer -> {
            Map<String, Object> out = new LinkedHashMap<>(describer.apply(layer));
            out.keySet().removeAll(left);
            return out;
        };
        return new LayerType<>(name, layerClass, arguments.stream().filter(d -> !left.contains(d.name())).toList(),
                factory, described, aliases, translation);
    }

    /** The same entry, whose arguments {@code rule} maps (or refuses) before they are checked. */
    LayerType<L> translating(UnaryOperator<Map<String, Object>> rule) {
        return new LayerType<>(name, layerClass, arguments, factory, describer, aliases, rule);
    }

    /**
     * The same entry under another name, for a class whose simple name another type has
     * ({@code named("ZooResidualBlock")}); the name is what model files write.
     */
    public LayerType<L> named(String typeName) {
        return new LayerType<>(typeName, layerClass, arguments, factory, describer, aliases, translation);
    }

    /** The same entry, also known by {@code names}, whose arguments mean what they mean under the type's name. */
    public LayerType<L> alias(String... names) {
        return alias(UnaryOperator.identity(), names);
    }

    /** The same entry, also known by {@code names}, whose arguments {@code translation} turns into the type's. */
    LayerType<L> alias(UnaryOperator<Map<String, Object>> aliasTranslation, String... names) {
        List<Alias> all = new ArrayList<>(aliases);
        for (String alias : names) {
            all.add(new Alias(alias, aliasTranslation));
        }
        return new LayerType<>(name, layerClass, arguments, factory, describer, all, translation);
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

    /** The arguments as this type reads them, before they are checked. */
    Map<String, Object> translate(Map<String, Object> given) {
        return translation.apply(new LinkedHashMap<>(given));
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
