package dev.nabla.io;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link ModelFileTest}: {@code model-file inputs.safetensors
 * outputs.safetensors} loads the model, predicts in evaluation mode for the inputs (named
 * 0, 1, ...) and writes the output as tensor {@code output}.
 */
public final class PredictWithModelFile {

    private PredictWithModelFile() {
    }

    public static void main(String[] args) throws IOException {
        Layer model = ModelFile.load(Path.of(args[0])).model().eval();
        Map<String, Tensor> inputs = Safetensors.read(Path.of(args[1])).tensors();
        List<Tensor> ordered = inputs.keySet().stream().sorted().map(inputs::get).toList();
        try (NoGrad ignored = NoGrad.enter()) {
            Safetensors.write(Path.of(args[2]), Map.of("output", model.forward(ordered)));
        }
    }
}
