package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.onnx.Onnx;
import dev.nabla.onnx.OnnxModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * An experiment file's {@code export} section writes the trained model as an ONNX file, which
 * {@code nabla predict} and {@code nabla evaluate} take as they take the model file.
 */
class ExportSectionTest {

    private static final String EXPERIMENT = """
            data: {name: digits, validation_split: 0.1}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 16, activation: relu}
                - {type: dense, units: 10, activation: softmax}
            training:
              optimizer: {name: adam, learning_rate: 0.01}
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
              epochs: 2
            """;

    @TempDir
    Path folder;

    @Test
    void aTrainedModelIsExportedAndPredictsAndEvaluatesAsTheModelFile() throws Exception {
        Path experiment = folder.resolve("digits.yaml");
        Files.writeString(experiment, EXPERIMENT + "export: {opset: 18, file: onnx/digits.onnx}\n");
        Path output = folder.resolve("run");
        Run trained = Run.nabla("train", experiment.toString(), "--output", output.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path onnx = output.resolve("onnx/digits.onnx");
        assertTrue(trained.out().contains("wrote " + onnx + " (ONNX opset 18, input [batch, 1, 8, 8])\n"),
                trained.out());
        OnnxModel model = Onnx.load(onnx);
        assertEquals("[1, 8, 8]", model.metadata().get("nabla.input_shape"));
        Map<String, Object> resolved = new Yaml().load(Files.readString(output.resolve("config.resolved.yaml")));
        assertEquals(Map.of("format", "onnx", "opset", 18, "file", "onnx/digits.onnx", "model", "best"),
                resolved.get("export"));

        Run fromFile = Run.nabla("evaluate", output.resolve("best.nabla").toString(), "--data", "digits:test", "--json");
        Run fromOnnx = Run.nabla("evaluate", onnx.toString(), "--data", "digits:test", "--json");
        assertEquals(0, fromOnnx.exitCode(), fromOnnx.err());
        Map<String, Double> expected = new Yaml().load(fromFile.out());
        Map<String, Double> actual = new Yaml().load(fromOnnx.out());
        assertEquals(expected.get("accuracy"), actual.get("accuracy"));
        assertEquals(expected.get("loss"), actual.get("loss"), 1e-5);

        Path image = folder.resolve("digit.png");
        BufferedImage pixels = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            pixels.getRaster().setSample(i % 8, i / 8, 0, (i * 37) % 256);
        }
        ImageIO.write(pixels, "png", image.toFile());
        Run predictedByFile = Run.nabla("predict", output.resolve("best.nabla").toString(), image.toString());
        Run predictedByOnnx = Run.nabla("predict", onnx.toString(), image.toString());
        assertEquals(0, predictedByOnnx.exitCode(), predictedByOnnx.err());
        assertEquals(predictedByFile.out(), predictedByOnnx.out());
    }

    @Test
    void anUnknownExportFormatIsRefusedBeforeTraining() throws Exception {
        Path experiment = folder.resolve("digits.yaml");
        Files.writeString(experiment, EXPERIMENT + "export: tflite\n");
        Run run = Run.nabla("train", experiment.toString(), "--output", folder.resolve("run").toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("unknown export format 'tflite'; the one there is: onnx"), run.err());
        assertTrue(Files.notExists(folder.resolve("run/best.nabla")));
    }
}
