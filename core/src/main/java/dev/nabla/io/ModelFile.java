package dev.nabla.io;

import dev.nabla.nn.Layer;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A whole model in one file (Keras's {@code .keras}, PyTorch's {@code torch.save} of a
 * model): its architecture, weights and, optionally, the optimizer's state and the training
 * progress, so that {@code load} gives back a model that predicts exactly as the saved one.
 *
 * <pre>{@code
 * ModelFile.save(Path.of("digits.nabla"), model);
 * Layer same = ModelFile.load(Path.of("digits.nabla")).model();
 * }</pre>
 *
 * <p>The file is a zip archive of:
 * <ul>
 * <li>{@code config.json}: {@code {"format": "nabla-model", "version": 1 or 2, "model": <spec>,
 *     "metadata": {...}}}, the model as a {@link LayerSpecs} spec: {@code {"type":
 *     "Sequential", "layers": [{"type": "Dense", "units": 10, ...}, ...]}}, graphs as their
 *     inputs, layers, nodes and outputs (see {@link LayerSpecs});
 * <li>{@code weights.safetensors}: the state dict under PyTorch's names
 *     ({@link PyTorchWeights}), so this entry alone loads into PyTorch;
 * <li>{@code optimizer.safetensors} (optional): {@link Optimizer#state()} of the one optimizer
 *     named {@value #DEFAULT_OPTIMIZER}, its kind in the metadata's {@code optimizer};
 * <li>{@code optimizers/<name>.safetensors} (optional): the states of named optimizers (a GAN's
 *     {@code generator} and {@code discriminator}), their names in order in the metadata's
 *     {@code optimizers} ({@code "generator,discriminator"}) and each one's kind under
 *     {@code optimizer.<name>};
 * <li>{@code training.json} (optional): training progress as strings, such as the epoch.
 * </ul>
 *
 * <p>Loading creates only registered layer types and never runs code named by the file.
 * Writes are atomic ({@link AtomicFiles}): a failed save leaves the previous file as it was.
 * A layer class of your own is saved once its type is registered ({@link LayerSpecs#register});
 * otherwise save its weights only ({@link PyTorchWeights#save}) and rebuild it in code.
 */
public final class ModelFile {

    /** The value of {@code format} in {@code config.json}. */
    public static final String FORMAT = "nabla-model";
    /**
     * The newest format version this code writes and reads. Version 2 added graphs whose layers
     * read another layer's output other than its first ({@code [node, output]} references); a
     * model without them is written as version 1, which older Nabla reads.
     */
    public static final int VERSION = 2;

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String NAMED_OPTIMIZERS = "optimizers/";
    static final String SAFETENSORS = ".safetensors";
    /** The name of a model's only optimizer, saved where files with one optimizer have always kept it. */
    public static final String DEFAULT_OPTIMIZER = "default";
    private static final Pattern OPTIMIZER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    static final String TRAINING = "training.json";
    /** A fixed entry time, so that saving the same model twice gives the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private ModelFile() {
    }

    /** Saves the architecture and weights of {@code model}, atomically replacing {@code file}. */
    public static void save(Path file, Layer model) throws IOException {
        save(file, model, null, Map.of());
    }

    /**
     * Saves the architecture and weights of {@code model}, the state of {@code optimizer}
     * (null for none) and {@code trainingState} (empty for none), atomically replacing
     * {@code file}.
     *
     * @throws IllegalArgumentException before writing anything, if a layer is not a
     *     built-in type or is not built yet (no weights to save)
     */
    public static void save(Path file, Layer model, Optimizer optimizer, Map<String, String> trainingState)
            throws IOException {
        saveCheckpoint(file, model, optimizer == null ? Map.of() : Map.of(DEFAULT_OPTIMIZER, optimizer), trainingState);
    }

    /**
     * Saves the architecture and weights of {@code model}, the state of every optimizer by name
     * (empty for none; one named {@value #DEFAULT_OPTIMIZER} alone is saved as {@link #save}
     * saves an optimizer, so older Nabla reads it) and {@code trainingState}, atomically
     * replacing {@code file}.
     *
     * @throws IllegalArgumentException before writing anything, if a layer is not a built-in
     *     type or is not built yet, or an optimizer's name is not made of letters, digits,
     *     {@code _}, {@code .} and {@code -}
     */
    public static void saveCheckpoint(Path file, Layer model, Map<String, ? extends Optimizer> optimizers,
                                      Map<String, String> trainingState) throws IOException {
        write(file, model, optimizers, trainingState, WeightPrecision.FLOAT32);
    }

    /**
     * Saves the architecture and weights of {@code model} with the weights in {@code precision}:
     * {@link WeightPrecision#BFLOAT16} halves the file (each weight rounded to the nearest
     * bfloat16); loading gives float32 weights of those values, so the loaded model predicts
     * within bfloat16 rounding of the saved one. For inference: no optimizer state is kept.
     */
    public static void save(Path file, Layer model, WeightPrecision precision) throws IOException {
        write(file, model, Map.of(), Map.of(), precision);
    }

    private static void write(Path file, Layer model, Map<String, ? extends Optimizer> optimizers,
                              Map<String, String> trainingState, WeightPrecision precision) throws IOException {
        requireBuilt(model);
        optimizers.keySet().forEach(ModelFile::requireOptimizerName);
        boolean single = optimizers.size() == 1 && optimizers.containsKey(DEFAULT_OPTIMIZER);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("framework", "nabla");
        metadata.put("parameters", Long.toString(model.parameterCount()));
        if (precision != WeightPrecision.FLOAT32) {
            metadata.put("weights", precision.name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, AtomicFiles.Content> states = new LinkedHashMap<>();
        if (single) {
            Optimizer optimizer = optimizers.get(DEFAULT_OPTIMIZER);
            metadata.put("optimizer", kind(optimizer));
            states.put(OPTIMIZER, Safetensors.content(optimizer.state(), Map.of("optimizer", kind(optimizer))));
        } else if (!optimizers.isEmpty()) {
            metadata.put("optimizers", String.join(",", optimizers.keySet()));
            optimizers.forEach((name, optimizer) -> {
                metadata.put("optimizer." + name, kind(optimizer));
                states.put(NAMED_OPTIMIZERS + name + SAFETENSORS,
                        Safetensors.content(optimizer.state(), Map.of("optimizer", kind(optimizer), "name", name)));
            });
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        Map<String, Object> spec = LayerSpecs.describe(model).toMap();
        config.put("version", ContainerSpecs.formatVersion(spec));
        config.put("model", spec);
        config.put("metadata", metadata);
        byte[] configJson = JsonWriter.writeIndented(config).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.Content weights = Safetensors.content(PyTorchWeights.pyTorchState(model), PyTorchWeights.METADATA,
                precision == WeightPrecision.BFLOAT16 ? SafetensorsDataType.BF16 : SafetensorsDataType.F32);
        byte[] training = JsonWriter.writeIndented(new LinkedHashMap<>(trainingState)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            put(zip, CONFIG, o -> o.write(configJson));
            put(zip, WEIGHTS, weights);
            for (Map.Entry<String, AtomicFiles.Content> state : states.entrySet()) {
                put(zip, state.getKey(), state.getValue());
            }
            if (!trainingState.isEmpty()) {
                put(zip, TRAINING, o -> o.write(training));
            }
            zip.finish();
        });
    }

    private static String kind(Optimizer optimizer) {
        return optimizer.getClass().getSimpleName();
    }

    private static void requireOptimizerName(String name) {
        if (name == null || !OPTIMIZER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an optimizer's name must be made of letters, digits, '_', '.' and"
                    + " '-', got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /**
     * Loads a model file: the model rebuilt from its architecture with the saved weights
     * (in training mode, as a new model), and whatever optimizer and training state it holds.
     *
     * @throws IOException naming the file and what is wrong: not a zip archive or truncated,
     *     an entry missing or corrupted, another format or a newer version, an error in the
     *     architecture (with its place, such as {@code model.layers[3].type}), or weights that
     *     do not fit the architecture (every missing and unexpected key and shape mismatch)
     */
    public static LoadedModel load(Path file) throws IOException {
        return ModelFileReader.read(file);
    }

    private static void requireBuilt(Layer layer) {
        if (!layer.isBuilt()) {
            throw new IllegalArgumentException(layer.path() + " is not built yet, so it has no weights to save;"
                    + " give input sizes to the constructors, call build(inputShape), or run one forward pass");
        }
        layer.children().values().forEach(ModelFile::requireBuilt);
    }

    /** Stores an entry uncompressed (floats hardly compress; stored entries read fastest), sized and checked up front. */
    private static void put(ZipOutputStream zip, String name, AtomicFiles.Content content) throws IOException {
        CRC32 crc = new CRC32();
        long[] size = {0};
        content.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                crc.update(b);
                size[0]++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                crc.update(bytes, offset, length);
                size[0] += length;
            }
        });
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size[0]);
        entry.setCompressedSize(size[0]);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        content.writeTo(zip);
        zip.closeEntry();
    }

    /**
     * What {@link #load} gives back: the model, every saved optimizer's state by name (a file
     * with one optimizer holds it under {@value #DEFAULT_OPTIMIZER}), the training state and
     * the metadata.
     */
    public record LoadedModel(Layer model, Map<String, Map<String, Tensor>> optimizerStates,
                              Map<String, String> trainingState, Map<String, String> metadata) {

        /** Copies the maps, keeping their order. */
        public LoadedModel {
            Map<String, Map<String, Tensor>> states = new LinkedHashMap<>();
            optimizerStates.forEach((name, state) ->
                    states.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(state))));
            optimizerStates = Collections.unmodifiableMap(states);
            trainingState = Collections.unmodifiableMap(new LinkedHashMap<>(trainingState));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The state of the only optimizer ({@value #DEFAULT_OPTIMIZER}), or an empty map if there is none. */
        public Map<String, Tensor> optimizerState() {
            return optimizerStates.getOrDefault(DEFAULT_OPTIMIZER, Map.of());
        }

        /** The saved optimizer's kind ({@code "Adam"}) by name, or null if there is none by that name. */
        public String optimizerKind(String name) {
            return metadata.get(name.equals(DEFAULT_OPTIMIZER) && optimizerStates.size() == 1
                    && metadata.containsKey("optimizer") ? "optimizer" : "optimizer." + name);
        }

        /**
         * Restores the saved optimizer state into {@code optimizer}, a new optimizer of the
         * same kind over {@code model()}'s parameters, so that training continues exactly
         * where it stopped; returns it.
         *
         * @throws IllegalStateException if the file holds no optimizer state
         * @throws IllegalArgumentException if the state belongs to another kind of optimizer
         *     or does not fit this one ({@link Optimizer#loadState})
         */
        public <O extends Optimizer> O restoreOptimizer(O optimizer) {
            if (optimizerState().isEmpty()) {
                throw new IllegalStateException(optimizerStates.isEmpty()
                        ? "the model file holds no optimizer state (it was saved without one)"
                        : "the model file holds named optimizers " + optimizerStates.keySet()
                        + "; restore them with restoreOptimizer(name, optimizer)");
            }
            return restoreOptimizer(DEFAULT_OPTIMIZER, optimizer);
        }

        /**
         * Restores the state saved under {@code name} into {@code optimizer}, as {@link
         * #restoreOptimizer(Optimizer)} does; returns it.
         *
         * @throws IllegalStateException if the file holds no optimizer state by that name
         * @throws IllegalArgumentException if the state belongs to another kind of optimizer
         *     or does not fit this one
         */
        public <O extends Optimizer> O restoreOptimizer(String name, O optimizer) {
            Map<String, Tensor> state = optimizerStates.get(name);
            if (state == null) {
                throw new IllegalStateException(optimizerStates.isEmpty()
                        ? "the model file holds no optimizer state (it was saved without one)"
                        : "the model file holds no optimizer named '" + name + "'; it holds "
                        + optimizerStates.keySet());
            }
            String saved = optimizerKind(name);
            if (saved != null && !saved.equals(kind(optimizer))) {
                throw new IllegalArgumentException("the model file holds the state of a " + saved + " optimizer"
                        + (optimizerStates.size() > 1 ? " as '" + name + "'" : "") + ", which cannot be restored into a "
                        + kind(optimizer));
            }
            optimizer.loadState(state);
            return optimizer;
        }
    }
}
