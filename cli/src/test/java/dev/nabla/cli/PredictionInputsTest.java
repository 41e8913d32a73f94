package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.io.Safetensors;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionInputsTest {

    @TempDir
    Path directory;

    private Path write(BufferedImage image, String name) throws IOException {
        Path file = directory.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aGreyImageReadsBackAsItsPixelValues() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 51);
        image.getRaster().setSample(1, 0, 0, 255);

        Tensor sample = PredictionInputs.image(write(image, "grey.png"), new int[] {1, 1, 2}, false);

        assertArrayEquals(new float[] {0.2f, 1f}, sample.toFloatArray(), 1e-6f);
    }

    @Test
    void colourBecomesLuminanceOrStaysRgbAndTransparencyIsWhitePaper() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xffff0000);          // opaque red
        image.setRGB(1, 0, 0x00000000);          // transparent
        Path file = write(image, "colour.png");

        Tensor grey = PredictionInputs.image(file, new int[] {1, 1, 2}, false);
        Tensor rgb = PredictionInputs.image(file, new int[] {3, 1, 2}, true);

        assertArrayEquals(new float[] {0.299f, 1f}, grey.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f, 1f, 0f}, rgb.toFloatArray(), 1e-6f);
    }

    @Test
    void anImageIsScaledToTheModelsInputByAveraging() throws IOException {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 255);
        image.getRaster().setSample(3, 1, 0, 255);

        Tensor sample = PredictionInputs.image(write(image, "big.png"), new int[] {1, 1, 2}, false);

        assertArrayEquals(new float[] {0.25f, 0.25f}, sample.toFloatArray(), 1e-6f);
    }

    @Test
    void aSafetensorsFileHoldsOneSampleOrABatchPerTensor() throws IOException {
        Path file = directory.resolve("inputs.safetensors");
        Safetensors.write(file, Map.of("batch", Tensor.zeros(3, 1, 2, 2)));

        List<PredictionInputs.Input> inputs = PredictionInputs.read(file, new int[] {1, 2, 2}, false);

        assertEquals(List.of(file + "[0]", file + "[1]", file + "[2]"),
                inputs.stream().map(PredictionInputs.Input::label).toList());
        assertArrayEquals(new int[] {1, 2, 2}, inputs.get(0).sample().shape().toArray());
        assertThrows(IllegalArgumentException.class, () -> PredictionInputs.read(file, new int[] {1, 3, 3}, false));
    }
}
