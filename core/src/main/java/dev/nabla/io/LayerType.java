package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * One entry of the {@link LayerSpecs} registry: a layer class, the arguments it takes, how to
 * create one from them, how to describe an existing one as arguments again, and the other
 * names (Keras's, PyTorch's) it is known by.
 */
record LayerType<L extends Layer>(Class<L> layerClass, List<Arguments.Declared> arguments,
                                  Function<Arguments, L> factory, Function<L, Map<String, Object>> describer,
                                  List<Alias> aliases) {

    /**
     * Another name of the type, such as Keras's {@code MaxPooling2D}, and how arguments written
     * under it become the type's own, for a framework whose convention differs (Keras's batch
     * normalisation momentum is 1 minus PyTorch's); most aliases keep the arguments as they are.
     */
    record Alias(String name, UnaryOperator<Map<String, Object>> translation) {
    }

    /** An entry whose arguments are declared as {@code "units: int, use_bias|bias: bool"}. */
    static <L extends Layer> LayerType<L> of(Class<L> layerClass, String signature, Function<Arguments, L> factory,
            Function<L, Map<String, Object>> describer) {
        return new LayerType<>(layerClass, Arguments.signature(signature), factory, describer, List.of());
    }

    /** The same entry, also known by {@code names}, whose arguments mean what they mean under the type's name. */
    LayerType<L> alias(String... names) {
        return alias(UnaryOperator.identity(), names);
    }

    /** The same entry, also known by {@code names}, whose arguments {@code translation} turns into the type's. */
    LayerType<L> alias(UnaryOperator<Map<String, Object>> translation, String... names) {
        List<Alias> all = new ArrayList<>(aliases);
        for (String name : names) {
            all.add(new Alias(name, translation));
        }
        return new LayerType<>(layerClass, arguments, factory, describer, List.copyOf(all));
    }

    /** The type's name, the layer's class name. */
    String name() {
        return layerClass.getSimpleName();
    }

    /** The arguments that recreate {@code layer}. */
    Map<String, Object> describe(Layer layer) {
        return describer.apply(layerClass.cast(layer));
    }

    /** An ordered map of names and values, leaving out null values (arguments left at their default). */
    static Map<String, Object> values(Object... namesAndValues) {
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
