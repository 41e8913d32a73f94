package dev.nabla.cli.experiment;

import dev.nabla.io.ModelFile;
import dev.nabla.onnx.Onnx;
import dev.nabla.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The model files the commands read: Nabla's {@code .nabla} files and ONNX files ({@code .onnx}).
 * An ONNX file exported by Nabla carries its model file's training state (input shape, loss,
 * metrics, class names, preprocessing) in its metadata under {@code nabla.}, so that predicting
 * and evaluating with it work as with the model file; any other ONNX file tells its input shape.
 */
public final class ModelFiles {

    /** The prefix of the training-state entries in an exported ONNX file's metadata. */
    static final String PREFIX = "nabla.";

    private ModelFiles() {
    }

    /** Whether {@code file} is read as an ONNX file. */
    public static boolean isOnnx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** A model file or an ONNX file, loaded. */
    public static ModelFile.LoadedModel load(Path file) throws IOException {
        if (!isOnnx(file)) {
            return ModelFile.load(file);
        }
        OnnxModel model = Onnx.load(file);
        Map<String, String> state = new LinkedHashMap<>();
        model.metadata().forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                state.put(key.substring(PREFIX.length()), value);
            }
        });
        if (!state.containsKey("input_shape") && model.inputNames().size() == 1 && model.sampleShape(0) != null) {
            state.put("input_shape", Arrays.toString(model.sampleShape(0)));
        }
        return new ModelFile.LoadedModel(model, Map.of(), state, Map.of());
    }

    /** The metadata an export writes: the model file's training state under {@code nabla.}. */
    public static Map<String, String> exportMetadata(ModelFile.LoadedModel loaded) {
        Map<String, String> metadata = new LinkedHashMap<>();
        loaded.trainingState().forEach((key, value) -> metadata.put(PREFIX + key, value));
        return metadata;
    }
}
