package dev.nabla.io;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one component of a configuration record is written as arguments and read back
 * ({@link RecordArguments}): numbers, booleans and strings as they are, {@code int[]} as a list
 * (one integer reads as a list of one), an enum as its lower-case name, an
 * {@link ActivationFunction} by its Keras name, lists and maps as they are, and
 * {@link ConvolutionOptions} as the arguments {@code stride}, {@code padding} (sizes or
 * "same"), {@code dilation}, {@code groups} and {@code output_padding}.
 */
interface ComponentForm {

    /** The arguments the component takes, named after it. */
    List<Arguments.Declared> declared(String name);

    /** The component's value: required, or {@code fallback} when not given. */
    Object read(Arguments arguments, String name, boolean required, Object fallback);

    /** The component's value as arguments; none for null. */
    Map<String, Object> write(String name, Object value);

    /** The values a string argument accepts, or none. */
    default List<String> choices() {
        return List.of();
    }

    /**
     * The form of a record component's type.
     *
     * @throws IllegalArgumentException for a type no argument can hold, naming it
     */
    static ComponentForm of(Class<?> record, RecordComponent component) {
        Class<?> type = component.getType();
        if (type == int.class || type == Integer.class) {
            return new Simple(Arguments.Kind.INT, v -> ((Number) v).intValue());
        }
        if (type == float.class || type == Float.class) {
            return new Simple(Arguments.Kind.FLOAT, v -> ((Number) v).floatValue());
        }
        if (type == double.class || type == Double.class) {
            return new Simple(Arguments.Kind.FLOAT, v -> ((Number) v).doubleValue());
        }
        if (type == boolean.class || type == Boolean.class) {
            return new Simple(Arguments.Kind.BOOL, v -> v);
        }
        if (type == String.class) {
            return new Simple(Arguments.Kind.STRING, v -> v);
        }
        if (type == List.class) {
            return new Simple(Arguments.Kind.LIST, v -> v);
        }
        if (type == Map.class) {
            return new Simple(Arguments.Kind.MAP, v -> v);
        }
        if (type == int[].class) {
            return new Sizes();
        }
        if (type == ActivationFunction.class) {
            return new Choice(ActivationFunction.names(), text -> ActivationFunction.byName(text),
                    value -> ((ActivationFunction) value).kerasName());
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = Arrays.stream(constants).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
            return new Choice(names, text -> constants[names.indexOf(text)],
                    value -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT));
        }
        if (type == ConvolutionOptions.class) {
            return new ConvolutionForm();
        }
        throw new IllegalArgumentException(record.getName() + ": the component " + component.getName() + " is a "
                + type.getName() + ", which no argument holds; use int, float, double, boolean, String, int[], an"
                + " enum, List or Map");
    }

    /** A value held as it is, converted when read. */
    record Simple(Arguments.Kind kind, java.util.function.UnaryOperator<Object> convert) implements ComponentForm {

        @Override
        public List<Arguments.Declared> declared(String name) {
            return List.of(new Arguments.Declared(name, List.of(), kind));
        }

        @Override
        public Object read(Arguments arguments, String name, boolean required, Object fallback) {
            if (required) {
                return convert.apply(arguments.required(name));
            }
            return arguments.declares(name) && arguments.has(name) ? convert.apply(arguments.raw(name)) : fallback;
        }

        @Override
        public Map<String, Object> write(String name, Object value) {
            return value == null ? Map.of() : Map.of(name, value);
        }
    }

    /** Sizes: a list, or one integer read as a list of one. */
    record Sizes() implements ComponentForm {

        @Override
        public List<Arguments.Declared> declared(String name) {
            return List.of(new Arguments.Declared(name, List.of(), Arguments.Kind.INTS));
        }

        @Override
        public Object read(Arguments arguments, String name, boolean required, Object fallback) {
            if (required || arguments.declares(name) && arguments.has(name)) {
                return arguments.integers(name, -1);
            }
            return fallback;
        }

        @Override
        public Map<String, Object> write(String name, Object value) {
            return value == null ? Map.of() : Map.of(name, Arrays.stream((int[]) value).boxed().toList());
        }
    }

    /** One of a few names, case-insensitive. */
    record Choice(List<String> names, java.util.function.Function<String, Object> parse,
                  java.util.function.Function<Object, String> name) implements ComponentForm {

        @Override
        public List<Arguments.Declared> declared(String argument) {
            return List.of(new Arguments.Declared(argument, List.of(), Arguments.Kind.STRING));
        }

        @Override
        public Object read(Arguments arguments, String argument, boolean required, Object fallback) {
            if (!required && !(arguments.declares(argument) && arguments.has(argument))) {
                return fallback;
            }
            String given = (String) arguments.required(argument);
            String text = given.toLowerCase(Locale.ROOT);
            if (!names.contains(text)) {
                String key = arguments.keyOf(argument);
                throw new LayerSpecException(key, arguments.layer() + ": argument '" + key + "' must be one of "
                        + String.join(", ", names) + ", got \"" + given + "\"");
            }
            return parse.apply(text);
        }

        @Override
        public Map<String, Object> write(String argument, Object value) {
            return value == null ? Map.of() : Map.of(argument, name.apply(value));
        }

        @Override
        public List<String> choices() {
            return names;
        }
    }

    /** A convolution's stride, padding, dilation, groups and output padding, as separate arguments. */
    record ConvolutionForm() implements ComponentForm {

        @Override
        public List<Arguments.Declared> declared(String name) {
            return List.of(new Arguments.Declared("stride", List.of("strides"), Arguments.Kind.INTS),
                    new Arguments.Declared("padding", List.of(), Arguments.Kind.PADDING),
                    new Arguments.Declared("dilation", List.of("dilation_rate"), Arguments.Kind.INTS),
                    new Arguments.Declared("groups", List.of(), Arguments.Kind.INT),
                    new Arguments.Declared("output_padding", List.of(), Arguments.Kind.INTS));
        }

        @Override
        public Object read(Arguments a, String name, boolean required, Object fallback) {
            ConvolutionOptions o = (ConvolutionOptions) fallback;
            if (given(a, "stride")) {
                int[] stride = pair(a, "stride");
                o = o.stride(stride[0], stride[1]);
            }
            if (given(a, "padding") && a.raw("padding") instanceof String padding) {
                o = padding.equalsIgnoreCase("same") ? o.paddingSame() : o.padding(0);
            } else if (given(a, "padding")) {
                int[] padding = pair(a, "padding");
                o = o.padding(padding[0], padding[1]);
            }
            if (given(a, "dilation")) {
                int[] dilation = pair(a, "dilation");
                o = o.dilation(dilation[0], dilation[1]);
            }
            if (given(a, "groups")) {
                o = o.groups(a.integer("groups"));
            }
            if (given(a, "output_padding")) {
                int[] outputPadding = pair(a, "output_padding");
                o = o.outputPadding(outputPadding[0], outputPadding[1]);
            }
            return o;
        }

        private static boolean given(Arguments a, String name) {
            return a.declares(name) && a.has(name);
        }

        /** One size for both dimensions, or (height, width). */
        private static int[] pair(Arguments a, String name) {
            int[] sizes = a.integers(name, -1);
            if (sizes.length > 2) {
                throw new LayerSpecException(a.keyOf(name), a.layer() + ": argument '" + a.keyOf(name) + "' needs 2"
                        + " integers or one, got " + sizes.length + ": " + Arrays.toString(sizes));
            }
            return sizes.length == 1 ? new int[] {sizes[0], sizes[0]} : sizes;
        }

        @Override
        public Map<String, Object> write(String name, Object value) {
            ConvolutionOptions o = (ConvolutionOptions) value;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("stride", compact(o.strideHeight(), o.strideWidth()));
            out.put("padding", o.samePadding() ? "same" : compact(o.paddingHeight(), o.paddingWidth()));
            out.put("dilation", compact(o.dilationHeight(), o.dilationWidth()));
            out.put("groups", o.groups());
            out.put("output_padding", compact(o.outputPaddingHeight(), o.outputPaddingWidth()));
            return out;
        }

        /** One value when both are equal, else the pair: {@code 3} or {@code [3, 5]}. */
        private static Object compact(int height, int width) {
            return height == width ? (Object) height : List.of(height, width);
        }
    }
}
