package dev.nabla.cli.experiment;

import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.ConvolutionOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Throwaway, for tests only: the handful of layers the experiment tests and examples use,
 * until core's layer registry (dev.nabla.io.LayerSpecs) lands and replaces it.
 */
public final class TestLayers implements LayerFactory {

    private record Type(Set<String> arguments, Function<Map<String, Object>, Layer> create) {
    }

    private static final Map<String, Type> TYPES = Map.ofEntries(
            Map.entry("dense", new Type(Set.of("units"), a -> new Dense(integer(a, "units")))),
            Map.entry("conv2d", new Type(Set.of("filters", "kernel_size", "padding", "strides"), TestLayers::conv)),
            Map.entry("maxpool2d", new Type(Set.of("pool_size"), a -> new MaxPool2d(integer(a, "pool_size")))),
            Map.entry("avgpool2d", new Type(Set.of("pool_size"), a -> new AvgPool2d(integer(a, "pool_size")))),
            Map.entry("batchnorm2d", new Type(Set.of(), a -> new BatchNorm2d())),
            Map.entry("flatten", new Type(Set.of(), a -> new Flatten())),
            Map.entry("dropout", new Type(Set.of("rate"), a -> new Dropout(((Number) a.get("rate")).floatValue()))),
            Map.entry("relu", new Type(Set.of(), a -> new Relu())),
            Map.entry("softmax", new Type(Set.of(), a -> new Softmax())),
            Map.entry("add", new Type(Set.of(), a -> new Add())),
            Map.entry("concatenate", new Type(Set.of("axis"), a -> a.containsKey("axis")
                    ? new Concatenate(integer(a, "axis")) : new Concatenate())),
            Map.entry("globalavgpool", new Type(Set.of(), a -> new GlobalAvgPool())));

    @Override
    public Layer create(String type, Map<String, Object> arguments) {
        Type t = TYPES.get(type.replace("_", "").toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("unknown layer '" + type + "'; known: " + List.copyOf(TYPES.keySet()));
        }
        for (String key : arguments.keySet()) {
            if (!t.arguments().contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + key + "' for layer '" + type + "'; known: "
                        + t.arguments());
            }
        }
        return t.create().apply(arguments);
    }

    private static Layer conv(Map<String, Object> a) {
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(a.containsKey("strides")
                ? integer(a, "strides") : 1);
        if ("same".equals(a.get("padding"))) {
            options = options.paddingSame();
        } else if (a.containsKey("padding")) {
            options = options.padding(integer(a, "padding"));
        }
        return new Conv2d(integer(a, "filters"), integer(a, "kernel_size"), options);
    }

    private static int integer(Map<String, Object> arguments, String key) {
        Object value = arguments.get(key);
        if (value instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("argument '" + key + "' must be an integer, got " + value);
    }
}
