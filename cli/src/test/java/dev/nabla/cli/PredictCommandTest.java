package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.ModelFile;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    Path directory;

    private static final TensorDataset DIGITS = Digits.load();

    private static Path model() {
        return TrainedDigitsModel.directory().resolve("best.nabla");
    }

    /** The class the model gives a sample, computed directly. */
    private static int predicted(Tensor sample) throws IOException {
        Tensor probabilities = new Model(ModelFile.load(model()).model()).predict(sample.reshape(1, 1, 8, 8));
        return (int) probabilities.argmax().item();
    }

    /** A sample as an 8x8 grey PNG, light on dark like the data, or dark on light ({@code invert}). */
    private Path png(int index, boolean invert) throws IOException {
        float[] pixels = DIGITS.features().slice(0, index, index + 1).toFloatArray();
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 64; i++) {
            int grey = Math.round((invert ? 1 - pixels[i] : pixels[i]) * 255);
            image.getRaster().setSample(i % 8, i / 8, 0, grey);
        }
        Path file = directory.resolve("digit" + index + (invert ? "-inverted" : "") + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void anImageGetsTheModelsMostLikelyClassesWithTheirProbabilities() throws IOException {
        Path image = png(5, false);

        Run run = Run.nabla("predict", model().toString(), image.toString());

        assertEquals(0, run.exitCode(), run.err());
        int expected = predicted(DIGITS.features().slice(0, 5, 6));
        assertTrue(run.out().matches(Pattern.quote(image + ": " + expected + " " + expected + " ")
                + "0\\.\\d{4}, \\d \\d 0\\.\\d{4}, \\d \\d 0\\.\\d{4}\n"), run.out());
    }

    @Test
    void invertTurnsDarkOnLightImagesIntoTheDatasLightOnDark() throws IOException {
        Run plain = Run.nabla("predict", model().toString(), png(7, false).toString(), "--top", "1");
        Run inverted = Run.nabla("predict", model().toString(), png(7, true).toString(), "--top", "1", "--invert");

        assertEquals(plain.out().substring(plain.out().indexOf(": ")),
                inverted.out().substring(inverted.out().indexOf(": ")));
    }

    @Test
    void aSafetensorsFileGivesOneLinePerSample() throws IOException {
        Path file = directory.resolve("inputs.safetensors");
        Safetensors.write(file, Map.of("images", DIGITS.features().slice(0, 0, 3)));

        Run run = Run.nabla("predict", model().toString(), file.toString(), "--top", "1");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        for (int i = 0; i < 3; i++) {
            int expected = predicted(DIGITS.features().slice(0, i, i + 1));
            assertTrue(lines.get(i).startsWith(file + "[" + i + "]: " + expected + " "), lines.get(i));
        }
    }

    @Test
    void anInputThatIsNotAnImageIsSaidSo() throws IOException {
        Path text = directory.resolve("notes.png");
        java.nio.file.Files.writeString(text, "not a picture");

        Run run = Run.nabla("predict", model().toString(), text.toString());

        assertEquals(1, run.exitCode());
        assertEquals("nabla predict: " + text + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)\n",
                run.err());
    }

    @Test
    void aMissingImageIsNamed() {
        Path missing = directory.resolve("missing.png");

        Run run = Run.nabla("predict", model().toString(), missing.toString());

        assertEquals(1, run.exitCode());
        assertEquals("nabla predict: no such file: " + missing + "\n", run.err());
    }

    @Test
    void aModelSavedFromJavaTakesItsInputShapeFromItsFirstLayers() throws IOException {
        // Saved before it saw data, the file records no input shape; 64 inputs after Flatten are 8x8 grey pixels.
        Path file = directory.resolve("java.nabla");
        ModelFile.save(file, new Sequential(new Flatten(), Dense.linear(64, 10), new Softmax()));

        Run run = Run.nabla("predict", file.toString(), png(3, false).toString(), "--top", "1");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(png(3, false) + ": "), run.out());
    }

    @Test
    void aConvolutionalModelFromJavaTakesTheImageAtItsOwnSize() throws IOException {
        Path file = directory.resolve("convolution.nabla");
        ModelFile.save(file, new Sequential(Conv2d.fromChannels(1, 4, 3), new GlobalAvgPool(),
                Dense.linear(4, 10)));

        Run run = Run.nabla("predict", file.toString(), png(4, false).toString(), "--top", "2");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(the model gives scores, not probabilities: shown through softmax)"),
                run.out());
    }

    @Test
    void aModelThatSawDataRecordsItsInputShape() throws IOException {
        Sequential network = new Sequential(new Relu(), new Flatten(), new Dense(10));
        network.forward(Tensor.zeros(2, 1, 8, 8));
        Path file = directory.resolve("seen.nabla");
        ModelFile.save(file, network);

        Run run = Run.nabla("predict", file.toString(), png(2, false).toString(), "--top", "1");

        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aModelThatDoesNotTellItsInputShapeAsksForTheOption() throws IOException {
        Path file = directory.resolve("unknown.nabla");
        ModelFile.save(file, new Sequential(new Relu(), new Flatten(), Dense.linear(64, 10)));
        Path image = png(1, false);

        Run run = Run.nabla("predict", file.toString(), image.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(file + " does not record the shape of its input, and its first layer does"
                + " not tell it; give one sample's shape with --input-shape, e.g. --input-shape 1,28,28 for 28x28 grey"
                + " images"), run.err());
        Run given = Run.nabla("predict", file.toString(), image.toString(), "--input-shape", "1,8,8");
        assertEquals(0, given.exitCode(), given.err());
    }

    @Test
    void aSavedModelPredictsInBfloat16WithTheSameClassesAsInFloat32() throws IOException {
        Path file = directory.resolve("inputs.safetensors");
        Safetensors.write(file, Map.of("images", DIGITS.features().slice(0, 0, 20)));

        Run full = Run.nabla("predict", model().toString(), file.toString(), "--top", "1");
        Run half = Run.nabla("predict", model().toString(), file.toString(), "--top", "1", "--dtype-policy",
                "mixed_bfloat16");
        Run wrong = Run.nabla("predict", model().toString(), file.toString(), "--dtype-policy", "bf16");

        assertEquals(0, half.exitCode(), half.err());
        List<String> fullClasses = full.out().lines().map(line -> line.split(" ")[1]).toList();
        List<String> halfClasses = half.out().lines().map(line -> line.split(" ")[1]).toList();
        long same = java.util.stream.IntStream.range(0, 20).filter(i -> fullClasses.get(i).equals(halfClasses.get(i)))
                .count();
        assertTrue(same >= 19, "bfloat16 rounding may flip at most a near tie: " + full.out() + " vs " + half.out());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("--dtype-policy: unknown dtype policy 'bf16'; known: float32, mixed_bfloat16"),
                wrong.err());
    }
}
