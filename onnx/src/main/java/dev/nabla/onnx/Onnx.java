package dev.nabla.onnx;

import dev.nabla.io.AtomicFiles;
import dev.nabla.nn.Layer;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import java.io.IOException;
import java.nio.file.Path;

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
        ModelProto proto = toProto(model, sampleShape, opset);
        AtomicFiles.write(file, proto::writeTo);
    }

    /** The ONNX model of {@code model}, not written anywhere. */
    static ModelProto toProto(Layer model, int[] sampleShape, int opset) {
        return ModelExporter.export(model, sampleShape, opset);
    }
}
