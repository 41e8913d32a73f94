package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path directory;

    @Test
    void aPngWrittenFromATensorReadsBackToTheNearestEighthBitValues() throws IOException {
        for (int channels : new int[] {1, 3}) {
            Tensor image = Tensor.rand(new Generator(channels), channels, 5, 7);
            Path file = directory.resolve("image" + channels + ".png");

            Images.writePng(image, file);
            Tensor read = Images.read(file, channels);

            assertArrayEquals(new int[] {channels, 5, 7}, read.shape().toArray());
            assertTrue(read.allClose(image, 0, 0.5f / 255 + 1e-6f));
        }
    }

    @Test
    void colourBecomesGreyByLuminanceAndGreyBecomesColourByRepetition() throws IOException {
        Path file = directory.resolve("red.png");
        Images.writePng(Tensor.of(new float[] {1, 0, 0}, 3, 1, 1), file);
        assertEquals(0.299f, Images.read(file, 1).item(), 1e-6);

        Path grey = directory.resolve("grey.png");
        Images.writePng(Tensor.full(0.2f, 1, 1, 1), grey);
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f}, Images.read(grey, 3).toFloatArray(), 1e-6f);
    }

    @Test
    void transparencyIsLaidOverWhite() throws IOException {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000);
        Path file = directory.resolve("clear.png");
        ImageIO.write(image, "png", file.toFile());

        assertArrayEquals(new float[] {1, 1, 1}, Images.read(file, 3).toFloatArray());
    }

    @Test
    void aFileThatIsNoImageIsNamedInTheError() throws IOException {
        Path file = directory.resolve("broken.png");
        Files.writeString(file, "not a picture");

        IOException error = assertThrows(IOException.class, () -> Images.read(file, 3));
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Images.read(directory.resolve("none.png"), 3));
        assertEquals(directory.resolve("none.png") + ": cannot read this image: no such file", missing.getMessage());
        IOException folder = assertThrows(IOException.class, () -> Images.read(directory, 3));
        assertEquals(directory + ": cannot read this image: it is a directory", folder.getMessage());
    }
}
