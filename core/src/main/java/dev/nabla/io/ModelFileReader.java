package dev.nabla.io;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads and checks a model file ({@link ModelFile}); every fault is an {@link IOException}
 * that names the file, the entry and what is wrong.
 */
final class ModelFileReader {

    /** JSON entries are small; a larger one is damaged or hostile. */
    private static final long MAX_JSON_BYTES = 64L << 20;
    /** Entries are read into an array. */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final ZipFile zip;

    private ModelFileReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static ModelFile.LoadedModel read(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + ": not a Nabla model file (not a zip archive): " + e.getMessage()
                    + "; was it truncated or overwritten?", e);
        }
        try (zip) {
            return new ModelFileReader(file, zip).read();
        }
    }

    private ModelFile.LoadedModel read() throws IOException {
        Map<?, ?> config = config();
        Map<String, String> metadata = config.containsKey("metadata") ? strings(config.get("metadata"),
                ModelFile.CONFIG + ": metadata") : Map.of();
        Layer model = model(config.get("model"));
        Map<String, Tensor> weights = Safetensors.read(where(ModelFile.WEIGHTS), entry(ModelFile.WEIGHTS,
                MAX_ENTRY_BYTES, true)).tensors();
        try {
            PyTorchWeights.load(model, weights);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(where(ModelFile.WEIGHTS) + " does not fit the architecture in " + ModelFile.CONFIG
                    + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, Tensor>> optimizerStates = optimizerStates(metadata);
        byte[] training = entry(ModelFile.TRAINING, MAX_JSON_BYTES, false);
        Map<String, String> trainingState = training == null ? Map.of()
                : strings(json(ModelFile.TRAINING, training), ModelFile.TRAINING);
        return new ModelFile.LoadedModel(model, optimizerStates, trainingState, metadata);
    }

    /** The one optimizer's state under its default name, or the named ones in the order the metadata lists them. */
    private Map<String, Map<String, Tensor>> optimizerStates(Map<String, String> metadata) throws IOException {
        Map<String, Map<String, Tensor>> states = new LinkedHashMap<>();
        byte[] single = entry(ModelFile.OPTIMIZER, MAX_ENTRY_BYTES, false);
        if (single != null) {
            states.put(ModelFile.DEFAULT_OPTIMIZER, Safetensors.read(where(ModelFile.OPTIMIZER), single).tensors());
        }
        String names = metadata.get("optimizers");
        if (names != null) {
            for (String name : names.split(",")) {
                String entry = ModelFile.NAMED_OPTIMIZERS + name + ModelFile.SAFETENSORS;
                states.put(name, Safetensors.read(where(entry), entry(entry, MAX_ENTRY_BYTES, true)).tensors());
            }
        }
        return states;
    }

    private Map<?, ?> config() throws IOException {
        Object root = json(ModelFile.CONFIG, entry(ModelFile.CONFIG, MAX_JSON_BYTES, true));
        if (!(root instanceof Map<?, ?> config)) {
            throw new IOException(where(ModelFile.CONFIG) + ": expected a JSON object, found " + Arguments.show(root));
        }
        Object format = config.get("format");
        if (!ModelFile.FORMAT.equals(format)) {
            String found = format == null ? "missing" : format instanceof String name ? "\"" + name + "\""
                    : Arguments.show(format);
            throw new IOException(where(ModelFile.CONFIG) + ": format is " + found + ", expected \"" + ModelFile.FORMAT
                    + "\"; not a Nabla model file");
        }
        Object version = config.get("version");
        if (!(version instanceof Long v) || v < 1) {
            throw new IOException(where(ModelFile.CONFIG) + ": version must be a positive integer, got "
                    + Arguments.show(version));
        }
        if (v > ModelFile.VERSION) {
            throw new IOException(file + ": written by a newer Nabla (model file version " + v + "; this Nabla reads"
                    + " versions up to " + ModelFile.VERSION + "); update Nabla to load it");
        }
        return config;
    }

    private Layer model(Object spec) throws IOException {
        if (!(spec instanceof Map<?, ?> map)) {
            throw new IOException(where(ModelFile.CONFIG) + ": model: expected a layer spec (an object), got "
                    + Arguments.show(spec));
        }
        try {
            return LayerSpecs.create(LayerSpec.of(map));
        } catch (LayerSpecException e) {
            throw new IOException(where(ModelFile.CONFIG) + ": " + e.messageUnder("model"), e);
        } catch (RuntimeException e) {
            throw new IOException(where(ModelFile.CONFIG) + ": model: cannot build the architecture: " + e, e);
        } catch (OutOfMemoryError e) {
            // A damaged or hostile config may ask for layers larger than memory; only that allocation failed.
            throw new IOException(where(ModelFile.CONFIG) + ": model: the architecture is too large for this JVM's"
                    + " memory (" + e.getMessage() + ")", e);
        }
    }

    /** An entry's bytes, checked against its CRC; null for a missing optional entry. */
    private byte[] entry(String name, long limit, boolean required) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            if (required) {
                throw new IOException(file + ": not a Nabla model file: it holds no " + name + " (it holds "
                        + Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList() + ")");
            }
            return null;
        }
        if (entry.getSize() > limit) {
            throw new IOException(where(name) + ": " + entry.getSize() + " bytes, more than the " + limit
                    + " this reader accepts");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(limit + 1, MAX_ENTRY_BYTES));
        } catch (ZipException | EOFException e) {
            throw new IOException(where(name) + ": corrupted: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length > limit || (entry.getSize() >= 0 && bytes.length != entry.getSize())
                || (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc())) {
            throw new IOException(where(name) + ": corrupted: its content does not match the size and checksum"
                    + " the archive records for it");
        }
        return bytes;
    }

    private Object json(String name, byte[] bytes) throws IOException {
        try {
            return JsonReader.parseDocument(bytes);
        } catch (IOException e) {
            throw new IOException(where(name) + ": malformed JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, String> strings(Object value, String what) throws IOException {
        if (!(value instanceof Map<?, ?> map) || !map.values().stream().allMatch(v -> v instanceof String)) {
            throw new IOException(file + ": " + what + ": expected an object of strings, got " + Arguments.show(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    private String where(String entry) {
        return file + ": " + entry;
    }
}
