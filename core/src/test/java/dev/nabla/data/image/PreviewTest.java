package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewTest {

    @TempDir
    Path directory;

    @Test
    void writesAReadablePngWithOneRowPerSampleAndTheOriginalFirst() throws IOException {
        Tensor images = Tensor.rand(new Generator(1), 3, 3, 8, 8);
        AugmentedDataset data = new AugmentedDataset(new TensorDataset(images, Tensor.arange(3)),
                new Compose(new HorizontalFlip(0.5), new Rotation(20)), 42);
        Path png = directory.resolve("preview.png");

        Preview.write(png, data, 3, 4);

        BufferedImage picture = ImageIO.read(png.toFile());
        assertNotNull(picture);
        assertEquals(5 * (8 + Preview.GAP) + Preview.GAP, picture.getWidth());
        assertEquals(3 * (8 + Preview.GAP) + Preview.GAP, picture.getHeight());
        Tensor read = Images.toTensor(picture, 3);
        Tensor secondOriginal = read.slice(1, 12, 20).slice(2, 2, 10);
        assertTrue(secondOriginal.allClose(images.slice(0, 1, 2).squeeze(0), 0, 0.5f / 255 + 1e-6f));
        assertEquals(1f, read.get(0, 0, 0), "white space around the cells");
        assertEquals(0, data.get(0, 0).target().item(), "previewing does not count as reading");
    }

    @Test
    void imagesOfDifferentSizesGetCellsOfTheLargest() throws IOException {
        Path png = directory.resolve("grey.png");

        Preview.write(png, List.of(Tensor.zeros(1, 4, 6), Tensor.zeros(1, 5, 3)), new RandomCrop(2, 2, 0), 2, 0);

        BufferedImage picture = ImageIO.read(png.toFile());
        assertEquals(3 * (6 + Preview.GAP) + Preview.GAP, picture.getWidth());
        assertEquals(2 * (5 + Preview.GAP) + Preview.GAP, picture.getHeight());
    }

    @Test
    void rejectsMoreSamplesThanTheDataHolds() {
        AugmentedDataset data = new AugmentedDataset(new TensorDataset(Tensor.zeros(2, 1, 4, 4), Tensor.arange(2)),
                new HorizontalFlip(0.5), 0);
        assertThrows(IllegalArgumentException.class, () -> Preview.grid(data, 3, 1));
    }
}
