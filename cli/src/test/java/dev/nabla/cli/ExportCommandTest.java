package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Graph;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.onnx.Onnx;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nabla export}, and the example models exported to ONNX and run in ONNX Runtime. */
class ExportCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path folder;

    private final Generator generator = new Generator(3);

    /** ONNX Runtime's one output for one float input. */
    private static float[] onnxRuntime(Path file, String input, Tensor x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = java.util.Arrays.stream(x.shape().toArray()).asLongStream().toArray();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    /** The largest difference over the largest magnitude of Nabla's output. */
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

    private void assertOnnxRuntimeAgrees(Layer model, String input, int[] sampleShape, Path file) throws Exception {
        assertOnnxRuntimeAgrees(model, input, sampleShape, file, 0);
    }

    /** Batches of 1 and 7: uniform numbers, or token ids below {@code vocabulary} when it is not 0. */
    private void assertOnnxRuntimeAgrees(Layer model, String input, int[] sampleShape, Path file, int vocabulary)
            throws Exception {
        for (int batch : new int[] {1, 7}) {
            int[] dims = new int[sampleShape.length + 1];
            dims[0] = batch;
            System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
            Tensor x = vocabulary > 0 ? Tensor.randint(generator, 0, vocabulary, dims) : Tensor.rand(generator, dims);
            float[] expected;
            try (Inference ignored = Inference.enter()) {
                expected = model.forward(x).toFloatArray();
            }
            double difference = relativeDifference(expected, onnxRuntime(file, input, x));
            assertTrue(difference <= 1e-5, file.getFileName() + " at batch " + batch + ": " + difference);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fashion-mnist-mlp.yaml", "fashion-mnist-cnn.yaml", "fashion-mnist-cnn-mixed.yaml",
            "resnet-fashion-mnist.yaml", "densenet-fashion-mnist.yaml"})
    void everyImageExampleModelRunsInOnnxRuntimeAsInNabla(String example) throws Exception {
        Experiment experiment = Experiment.read(EXAMPLES.resolve(example), Experiment.Overrides.NONE);
        int[] sampleShape = {1, 28, 28};
        Layer.manualSeed(experiment.training().seed());
        Layer model = experiment.model().build(sampleShape);
        Path file = folder.resolve(example.replace(".yaml", ".onnx"));
        Onnx.export(model, sampleShape, file);
        String input = model instanceof Graph graph ? graph.inputNodes().get(0).inputName() : "input";
        assertOnnxRuntimeAgrees(model, input, sampleShape, file);
    }

    @Test
    void theSequenceExampleModelsRunInOnnxRuntimeAsInNabla() throws Exception {
        for (String example : new String[] {"co2-lstm.yaml", "sentiment-text.yaml"}) {
            Experiment experiment = Experiment.read(EXAMPLES.resolve(example), Experiment.Overrides.NONE);
            boolean text = example.startsWith("sentiment");
            int[] sampleShape = text ? new int[] {32} : new int[] {24, 1};
            Layer.manualSeed(experiment.training().seed());
            Layer model = experiment.model().build(sampleShape);
            Path file = folder.resolve(example.replace(".yaml", ".onnx"));
            Onnx.export(model, sampleShape, file);
            String input = model instanceof Graph graph ? graph.inputNodes().get(0).inputName() : "input";
            assertOnnxRuntimeAgrees(model, input, sampleShape, file, text ? 4000 : 0);
        }
    }

    @Test
    void exportsATrainedModelFileAtTheOpsetAsked() throws Exception {
        Path model = TrainedDigitsModel.directory().resolve("best.nabla");
        Path target = folder.resolve("digits.onnx");
        Run run = Run.nabla("export", model.toString(), "--format", "onnx", "--opset", "18", "-o", target.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("wrote " + target + " (ONNX opset 18, input [batch, 1, 8, 8])\n", run.out());
        assertOnnxRuntimeAgrees(ModelFile.load(model).model(), "input", new int[] {1, 8, 8}, target);
        assertTrue(Onnx.load(target).operators().contains("Gemm"));

        Run summary = Run.nabla("summary", target.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().startsWith("ONNX model digits.onnx (opset 18)\n  input  input [?, 1, 8, 8]\n"
                + "  output output\nOperators: "), summary.out());
        assertTrue(summary.out().contains("Parameters: 2,410 in "), summary.out());
    }

    @Test
    void anUnknownFormatIsRefused() throws Exception {
        Path model = TrainedDigitsModel.directory().resolve("best.nabla");
        Run run = Run.nabla("export", model.toString(), "--format", "tflite", "-o", folder.resolve("x").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown format 'tflite'; the one there is: onnx"), run.err());
        assertTrue(Files.notExists(folder.resolve("x")));
    }
}
