package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla explain} on a small CNN trained on the built-in digits. */
class ExplainCommandTest {

    @TempDir
    static Path directory;

    private static Path model;
    private static Path digit;

    @BeforeAll
    static void trainAndDrawADigit() throws Exception {
        Path experiment = directory.resolve("digits-cnn.yaml");
        Files.writeString(experiment, """
                data: {name: digits, validation_split: 0.1}
                model:
                  sequential:
                    - {type: conv2d, filters: 8, kernel_size: 3, padding: same, activation: relu}
                    - {type: max_pool2d, pool_size: 2}
                    - {type: conv2d, filters: 16, kernel_size: 3, padding: same, activation: relu}
                    - {type: flatten}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  epochs: 4
                """);
        Run trained = Run.nabla("train", experiment.toString(), "--output", directory.resolve("run").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        model = directory.resolve("run/best.nabla");
        Tensor pixels = Digits.load().features().slice(0, 0, 1);
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        float max = pixels.abs().max().item();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int grey = Math.round(pixels.get(0, 0, y, x) / max * 255);
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        digit = directory.resolve("digit.png");
        ImageIO.write(image, "png", digit.toFile());
    }

    @Test
    void eachMethodWritesAnOverlayAndPrintsTheTopClasses() throws Exception {
        for (String method : new String[] {"gradcam", "saliency", "ig", "lime"}) {
            Path output = directory.resolve(method + ".png");
            Run run = Run.nabla("explain", model.toString(), digit.toString(), "--method", method, "--output",
                    output.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith(digit + ": "), run.out());
            assertTrue(run.out().contains("wrote " + output), run.out());
            BufferedImage overlay = ImageIO.read(output.toFile());
            assertEquals(224, overlay.getWidth());
            assertEquals(224, overlay.getHeight());
        }
        Run gradcam = Run.nabla("explain", model.toString(), digit.toString(), "--target", "3", "--output",
                directory.resolve("three.png").toString());
        assertTrue(gradcam.out().contains("explained class 3 with Grad-CAM on layer 3"), gradcam.out());
    }

    @Test
    void limeIsSeededSoTheSameSeedDrawsTheSamePicture() throws Exception {
        byte[][] pictures = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path output = directory.resolve("lime-" + i + ".png");
            Run run = Run.nabla("explain", model.toString(), digit.toString(), "--method", "lime", "--segments", "16",
                    "--samples", "200", "--seed", "3", "--output", output.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().matches("(?s).*with LIME \\(\\d+ SLIC segments, 200 samples, seed 3; surrogate R² [-0-9.]+\\).*"),
                    run.out());
            pictures[i] = Files.readAllBytes(output);
        }
        assertArrayEquals(pictures[0], pictures[1]);
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        Run target = Run.nabla("explain", model.toString(), digit.toString(), "--target", "10", "--output",
                directory.resolve("x.png").toString());
        assertEquals(2, target.exitCode());
        assertTrue(target.err().contains("--target must be a class from 0 to 9, got 10"), target.err());
        Run layer = Run.nabla("explain", model.toString(), digit.toString(), "--layer", "9", "--output",
                directory.resolve("x.png").toString());
        assertEquals(1, layer.exitCode());
        assertTrue(layer.err().contains("no layer '9': Sequential has no child '9'; its children are [0, 1, 2, 3, 4"), layer.err());
    }
}
