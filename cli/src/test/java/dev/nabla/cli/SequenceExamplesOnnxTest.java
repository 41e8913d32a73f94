package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.onnx.Onnx;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The attention and Transformer example models exported to ONNX and run in ONNX Runtime: the
 * same outputs as in Nabla (at most 1e-5 relative) at batch sizes 1 and 7 through one file, token
 * ids padded with 0 at the end of some rows so that the padding masks count.
 */
class SequenceExamplesOnnxTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"vit-fashion-mnist.yaml, 1x28x28, 0", "moby-dick-gpt.yaml, 128, 84",
            "sentiment-transformer.yaml, 32, 4000", "number-words-seq2seq.yaml, 2x10, 14"})
    void runsInOnnxRuntimeAsInNabla(String example, String sample, int vocabulary) throws Exception {
        Experiment experiment = Experiment.read(EXAMPLES.resolve(example), Experiment.Overrides.NONE);
        int[] sampleShape = Arrays.stream(sample.split("x")).mapToInt(Integer::parseInt).toArray();
        Layer.manualSeed(experiment.training().seed());
        Layer model = experiment.model().build(sampleShape);
        Path file = folder.resolve(example.replace(".yaml", ".onnx"));
        Onnx.export(model, sampleShape, file);
        Generator generator = new Generator(11);
        for (int batch : new int[] {1, 7}) {
            int[] dims = new int[sampleShape.length + 1];
            dims[0] = batch;
            System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
            Tensor x = vocabulary > 0 ? padded(Tensor.randint(generator, 1, vocabulary, dims), dims)
                    : Tensor.rand(generator, dims);
            float[] expected;
            try (Inference ignored = Inference.enter()) {
                model.eval();
                expected = model.forward(x).toFloatArray();
            }
            double difference = relativeDifference(expected, onnxRuntime(file, x));
            assertTrue(difference <= 1e-5, example + " at batch " + batch + ": " + difference);
            System.out.printf(java.util.Locale.ROOT, "%s batch %d: ONNX Runtime vs Nabla, relative difference %.2e%n",
                    example, batch, difference);
        }
    }

    /** Row n keeps its first {@code length - n} ids per sequence and is 0 (padding) after. */
    private static Tensor padded(Tensor ids, int[] dims) {
        float[] values = ids.toFloatArray();
        int length = dims[dims.length - 1];
        int perRow = values.length / dims[0];
        for (int n = 0; n < dims[0]; n++) {
            for (int i = 0; i < perRow; i++) {
                if (i % length >= length - n) {
                    values[n * perRow + i] = 0f;
                }
            }
        }
        return Tensor.of(values, dims);
    }

    private static float[] onnxRuntime(Path file, Tensor x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = Arrays.stream(x.shape().toArray()).asLongStream().toArray();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    private static double relativeDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = 1e-12;
        double difference = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            difference = Math.max(difference, Math.abs(expected[i] - actual[i]));
        }
        return difference / scale;
    }
}
