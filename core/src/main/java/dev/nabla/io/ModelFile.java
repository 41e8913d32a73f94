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
 * <li>{@code optimizer.safetensors} (optional): {@link Optimizer#state()};
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
        requireBuilt(model);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("framework", "nabla");
        metadata.put("parameters", Long.toString(model.parameterCount()));
        if (optimizer != null) {
            metadata.put("optimizer", optimizer.getClass().getSimpleName());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", FORMAT);
        Map<String, Object> spec = LayerSpecs.describe(model).toMap();
        config.put("version", ContainerSpecs.formatVersion(spec));
        config.put("model", spec);
        config.put("metadata", metadata);
        byte[] configJson = JsonWriter.writeIndented(config).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.Content weights = Safetensors.content(PyTorchWeights.pyTorchState(model), PyTorchWeights.METADATA);
        AtomicFiles.Content optimizerState = optimizer == null ? null
                : Safetensors.content(optimizer.state(), Map.of("optimizer", optimizer.getClass().getSimpleName()));
        byte[] training = JsonWriter.writeIndented(new LinkedHashMap<>(trainingState)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            put(zip, CONFIG, o -> o.write(configJson));
            put(zip, WEIGHTS, weights);
            if (optimizerState != null) {
                put(zip, OPTIMIZER, optimizerState);
            }
            if (!trainingState.isEmpty()) {
                put(zip, TRAINING, o -> o.write(training));
            }
            zip.finish();
        });
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

    /** What {@link #load} gives back. */
    public record LoadedModel(Layer model, Map<String, Tensor> optimizerState, Map<String, String> trainingState,
                              Map<String, String> metadata) {

        /** Copies the maps, keeping their order. */
        public LoadedModel {
            optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
            trainingState = Collections.unmodifiableMap(new LinkedHashMap<>(trainingState));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
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
            if (optimizerState.isEmpty()) {
                throw new IllegalStateException("the model file holds no optimizer state (it was saved without one)");
            }
            String saved = metadata.get("optimizer");
            if (saved != null && !saved.equals(optimizer.getClass().getSimpleName())) {
                throw new IllegalArgumentException("the model file holds the state of a " + saved + " optimizer,"
                        + " which cannot be restored into a " + optimizer.getClass().getSimpleName());
            }
            optimizer.loadState(optimizerState);
            return optimizer;
        }
    }
}
