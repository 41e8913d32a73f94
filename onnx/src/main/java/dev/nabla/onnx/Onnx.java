package dev.nabla.onnx;

import dev.nabla.io.AtomicFiles;
import dev.nabla.nn.Layer;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX files: export a Nabla model so that ONNX Runtime and other ONNX tools run it, and
 * load an ONNX model as a Nabla layer that runs and trains.
 *
 * <pre>{@code
 * Onnx.export(model, new int[] {1, 28, 28}, Path.of("model.onnx"));   // opset 17, any batch size
 * OnnxModel imported = Onnx.load(Path.of("model.onnx"));
 * Tensor y = imported.forward(x);
 * }</pre>
 */
public final class Onnx {

    /** The opset exports write unless told otherwise. */
    public static final int DEFAULT_OPSET = 17;

    private Onnx() {
    }

    /**
     * Writes {@code model} as an ONNX file of opset {@value #DEFAULT_OPSET}: one float input
     * {@code [batch, ...sampleShape]} named {@code input} (a {@link dev.nabla.nn.Graph}'s own
     * inputs and names instead), initializers named by the model's state-dict keys.
     *
     * @param sampleShape one sample's shape without the batch, e.g. {@code {1, 28, 28}}; a graph's inputs know theirs
     * @throws IllegalArgumentException naming the first layer that has no ONNX form
     */
    public static void export(Layer model, int[] sampleShape, Path file) throws IOException {
        export(model, sampleShape, file, DEFAULT_OPSET);
    }

    /** As {@link #export(Layer, int[], Path)}, in the given opset (17 or newer). */
    public static void export(Layer model, int[] sampleShape, Path file, int opset) throws IOException {
        export(model, sampleShape, file, opset, Map.of());
    }

    /**
     * As {@link #export(Layer, int[], Path, int)}, with these entries in the file's
     * {@code metadata_props} (ONNX Runtime shows them; {@link OnnxModel#metadata} reads them back).
     */
    public static void export(Layer model, int[] sampleShape, Path file, int opset, Map<String, String> metadata)
            throws IOException {
        ModelProto.Builder proto = toProto(model, sampleShape, opset).toBuilder();
        metadata.forEach((key, value) -> proto.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key)
                .setValue(value)));
        ModelProto built = proto.build();
        AtomicFiles.write(file, built::writeTo);
    }

    /**
     * Reads an ONNX file as a Nabla layer that runs and trains: its float initializers become
     * parameters. External data is read only from files inside the model's folder.
     *
     * @throws IllegalArgumentException for a malformed file, naming what is wrong, or for a node whose
     *     operator Nabla does not support, naming the node and the operator
     */
    public static OnnxModel load(Path file) throws IOException {
        return OnnxReader.read(file);
    }

    /** The operators {@link #load} runs, sorted; {@code docs/onnx.md} lists those ONNX's conformance suite checks. */
    public static java.util.List<String> supportedOperators() {
        return Operators.names();
    }

    /** The ONNX model of {@code model}, not written anywhere. */
    static ModelProto toProto(Layer model, int[] sampleShape, int opset) {
        return ModelExporter.export(model, sampleShape, opset);
    }
}
