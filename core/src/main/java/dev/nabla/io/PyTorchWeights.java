package dev.nabla.io;

import dev.nabla.nn.Layer;
import dev.nabla.nn.StateDictReport;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Loads and saves a PyTorch {@code state_dict} stored as safetensors, so weights move
 * between the two frameworks with one call:
 *
 * <pre>{@code
 * // Python: safetensors.torch.save_file(model.state_dict(), "model.safetensors")
 * Layer model = new Sequential(
 *         new Conv2d(Conv2d.Config.of(4, 3).inChannels(1).options(ConvolutionOptions.defaults().padding(1))),
 *         new Relu(), new MaxPool2d(2), new Flatten(), Dense.linear(64, 10));
 * PyTorchWeights.load(model, Path.of("model.safetensors"));
 * }</pre>
 *
 * <p>Nabla names state as PyTorch does ({@code 0.weight}, {@code features.3.bias},
 * {@code bn.running_mean}) and most layouts already agree: Dense {@code [out, in]},
 * convolutions {@code [out, in/groups, kH, kW]}, transposed convolutions
 * {@code [in, out/groups, kH, kW]}. Layers whose layout differs get a {@link
 * StateDictConverter}, looked up by the layer's class (or nearest superclass); callers may
 * pass their own for custom layers. PyTorch's batch-norm {@code num_batches_tracked} is
 * skipped when the Nabla model has no such entry. Everything else must match exactly:
 * a missing key, an unexpected key or a shape mismatch fails, naming each of them.
 */
public final class PyTorchWeights {

    /** The converters for Nabla layers whose layout differs from PyTorch's; none do yet. */
    private static final Map<Class<? extends Layer>, StateDictConverter> BUILT_IN = Map.of();
    private static final String BATCHES_TRACKED = "num_batches_tracked";
    /** What Hugging Face loaders look for in a PyTorch state dict. */
    static final Map<String, String> METADATA = Map.of("format", "pt");

    private PyTorchWeights() {
    }

    /**
     * Loads a PyTorch state_dict saved as safetensors into {@code model}, which must be
     * built (sizes given to the constructors, or one forward pass run).
     *
     * @throws IOException if the file cannot be read or is malformed
     * @throws IllegalArgumentException naming the file and every missing key, unexpected key
     *     and shape mismatch (with both shapes) when the file does not fit the model
     */
    public static void load(Layer model, Path file) throws IOException {
        load(model, file, Map.of());
    }

    /** {@link #load(Layer, Path)} with extra converters for custom layers (they take precedence). */
    public static void load(Layer model, Path file, Map<Class<? extends Layer>, StateDictConverter> converters)
            throws IOException {
        Map<String, Tensor> tensors = Safetensors.read(file).tensors();
        try {
            load(model, tensors, converters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PyTorch state_dict saved as safetensors by name and says what did not fit:
     * with {@code strict}, as {@link #load(Layer, Path)}; without, the entries whose name and
     * shape match are loaded, the rest left as they are, and the report lists the model's keys
     * the file lacks, the file's keys the model lacks and the keys whose shapes differ (PyTorch's
     * {@code load_state_dict(strict=False)}, which also reports shapes here instead of failing).
     *
     * @throws IOException if the file cannot be read or is malformed
     */
    public static StateDictReport load(Layer model, Path file, boolean strict) throws IOException {
        Map<String, Tensor> state = convert(model, "", Safetensors.read(file).tensors(), Map.of(),
                StateDictConverter::fromPyTorch);
        Map<String, Tensor> own = model.stateDict();
        state.keySet().removeIf(key -> isBatchesTracked(key) && !own.containsKey(key));
        try {
            return model.loadStateDict(state, strict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a PyTorch state dict read from anywhere (a model file's weights) with the built-in converters. */
    static void load(Layer model, Map<String, Tensor> pyTorchState) {
        load(model, pyTorchState, Map.of());
    }

    private static void load(Layer model, Map<String, Tensor> pyTorchState,
            Map<Class<? extends Layer>, StateDictConverter> converters) {
        Map<String, Tensor> state = convert(model, "", pyTorchState, converters, StateDictConverter::fromPyTorch);
        Map<String, Tensor> own = model.stateDict();
        state.keySet().removeIf(key -> isBatchesTracked(key) && !own.containsKey(key));
        model.loadStateDict(state, true);
    }

    /**
     * Writes {@code model}'s state as a safetensors file that PyTorch's
     * {@code model.load_state_dict(safetensors.torch.load_file(path))} accepts: PyTorch's
     * names and layouts, float32 tensors, {@code num_batches_tracked} as int64, and
     * metadata {@code format: pt} (which Hugging Face loaders look for). Atomic.
     */
    public static void save(Layer model, Path file) throws IOException {
        save(model, file, Map.of());
    }

    /** {@link #save(Layer, Path)} with extra converters for custom layers (they take precedence). */
    public static void save(Layer model, Path file, Map<Class<? extends Layer>, StateDictConverter> converters)
            throws IOException {
        Safetensors.write(file, pyTorchState(model, converters), METADATA);
    }

    /** The model's state as PyTorch names and lays it out, with the built-in converters (for a model file's weights)
            . */
    static Map<String, Tensor> pyTorchState(Layer model) {
        return pyTorchState(model, Map.of());
    }

    private static Map<String, Tensor> pyTorchState(Layer model,
            Map<Class<? extends Layer>, StateDictConverter> converters) {
        Map<String, Tensor> state = convert(model, "", model.stateDict(), converters, StateDictConverter::toPyTorch);
        state.replaceAll((key, tensor) -> isBatchesTracked(key) ? Safetensors.integerTensor(tensor) : tensor);
        return state;
    }

    private static boolean isBatchesTracked(String key) {
        return key.equals(BATCHES_TRACKED) || key.endsWith("." + BATCHES_TRACKED);
    }

    /** Applies the converter of {@code layer} (at {@code prefix}) or, lacking one, its children's. */
    private static Map<String, Tensor> convert(Layer layer, String prefix, Map<String, Tensor> state,
            Map<Class<? extends Layer>, StateDictConverter> converters,
            BiFunction<StateDictConverter, Map<String, Tensor>, Map<String, Tensor>> direction) {
        StateDictConverter converter = converterFor(layer.getClass(), converters);
        if (converter == null) {
            Map<String, Tensor> result = new LinkedHashMap<>(state);
            for (Map.Entry<String, Layer> child : layer.children().entrySet()) {
                result = convert(child.getValue(), prefix + child.getKey() + ".", result, converters, direction);
            }
            return result;
        }
        Map<String, Tensor> under = new LinkedHashMap<>();
        state.forEach((key, tensor) -> {
            if (key.startsWith(prefix)) {
                under.put(key.substring(prefix.length()), tensor);
            }
        });
        if (under.isEmpty()) {
            return new LinkedHashMap<>(state);
        }
        Map<String, Tensor> converted = direction.apply(converter, under);
        // Keep the layer's place in the order: its converted entries go where its first entry was.
        Map<String, Tensor> result = new LinkedHashMap<>();
        state.forEach((key, tensor) -> {
            if (!key.startsWith(prefix)) {
                result.put(key, tensor);
            } else if (key.equals(prefix + under.keySet().iterator().next())) {
                converted.forEach((name, value) -> result.put(prefix + name, value));
            }
        });
        return result;
    }

    private static StateDictConverter converterFor(Class<?> type, Map<Class<? extends Layer>,
            StateDictConverter> extra) {
        for (Class<?> c = type; c != null && Layer.class.isAssignableFrom(c); c = c.getSuperclass()) {
            StateDictConverter found = extra.containsKey(c) ? extra.get(c) : BUILT_IN.get(c);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
