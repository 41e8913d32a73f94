package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.Example;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path root;

    /** cat: two red PNGs; dog: a grey PNG and, in a sub-folder, a blue BMP; plus files that are not examples. */
    private void writeTree() throws IOException {
        write("cat/b.png", 0xff0000, 2, 2, "png");
        write("cat/a.PNG", 0xff0000, 3, 3, "png");
        writeGrey("dog/x.png", 51);
        write("dog/more/y.bmp", 0x0000ff, 2, 2, "bmp");
        Files.writeString(root.resolve("dog/notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("README"), "a file beside the class folders");
    }

    @Test
    void classesAreTheSortedFolderNamesAndExamplesTheirImages() throws IOException {
        writeTree();

        ImageFolder folder = new ImageFolder(root, 3, 2, 2);

        assertEquals(List.of("cat", "dog"), folder.classNames());
        assertEquals(4, folder.size());
        assertArrayEquals(new int[] {2, 2}, folder.classCounts());
        assertEquals(root.resolve("cat/a.PNG"), folder.files().get(0));
        assertEquals(root.resolve("dog/more/y.bmp"), folder.files().get(2));
        Example red = folder.get(0);
        assertArrayEquals(new int[] {3, 2, 2}, red.features().shape().toArray());
        assertTrue(red.features().allClose(Tensor.of(new float[] {1, 0, 0}, 3, 1, 1).expand(3, 2, 2)));
        assertEquals(0f, red.target().item());
        assertEquals(DType.INT32, red.target().dtype());
        assertTrue(folder.get(2).features().allClose(Tensor.of(new float[] {0, 0, 1}, 3, 1, 1).expand(3, 2, 2)));
        assertTrue(folder.get(3).features().allClose(Tensor.full(0.2f, 3, 2, 2)));
        assertEquals(1f, folder.get(3).target().item());
    }

    @Test
    void greyImagesNormalisedAndBatched() throws IOException {
        writeTree();

        ImageFolder folder = new ImageFolder(root, 1, 2, 2, new Normalize(new float[] {0.5f}, new float[] {0.25f}),
                false);
        Batch batch = folder.batch(1, 3);

        assertArrayEquals(new int[] {2, 1, 2, 2}, batch.features().shape().toArray());
        assertEquals((0.299f - 0.5f) / 0.25f, batch.features().get(0, 0, 0, 0), 1e-5);
        assertEquals((0.2f - 0.5f) / 0.25f, batch.features().get(1, 0, 1, 1), 1e-5);
        assertArrayEquals(new float[] {0, 1}, batch.targets().toFloatArray());
    }

    @Test
    void imagesAreResizedBilinearly() throws IOException {
        BufferedImage halves = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            halves.getRaster().setSamples(0, y, 4, 1, 0, new int[] {0, 0, 255, 255});
        }
        Files.createDirectories(root.resolve("halves"));
        ImageIO.write(halves, "png", root.resolve("halves/h.png").toFile());

        Tensor image = new ImageFolder(root, 1, 2, 2).get(0).features();

        assertArrayEquals(new float[] {1 / 7f, 6 / 7f, 1 / 7f, 6 / 7f}, image.toFloatArray(), 1e-6f);
        Tensor enlarged = new ImageFolder(root, 1, 8, 8).get(0).features();
        assertEquals(0f, enlarged.get(0, 3, 2));
        assertEquals(0.5f, (enlarged.get(0, 3, 3) + enlarged.get(0, 3, 4)) / 2, 1e-6);
    }

    @Test
    void theCacheKeepsEachImageOnceRead() throws IOException {
        writeTree();

        ImageFolder cached = new ImageFolder(root, 3, 2, 2, null, true);

        assertSame(cached.get(1).features(), cached.get(1).features());
    }

    @Test
    void anUnreadableFileIsNamedWhenItsExampleIsRead() throws IOException {
        writeTree();
        Files.writeString(root.resolve("cat/c.png"), "garbage");
        ImageFolder folder = new ImageFolder(root, 3, 2, 2);

        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> folder.get(2));
        assertEquals("ImageFolder: example 2 (class 'cat'): " + root.resolve("cat/c.png")
                + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)", error.getMessage());
    }

    @Test
    void anEmptyClassFolderOrNoClassFoldersAreErrors() throws IOException {
        IOException none = assertThrows(IOException.class, () -> new ImageFolder(root, 3, 2, 2));
        assertTrue(none.getMessage().startsWith("ImageFolder: " + root + " holds no class folders"),
                none.getMessage());

        writeTree();
        Files.createDirectories(root.resolve("emu"));
        Files.writeString(root.resolve("emu/list.txt"), "no images here");
        IOException empty = assertThrows(IOException.class, () -> new ImageFolder(root, 3, 2, 2));
        assertEquals("ImageFolder: the class folder " + root.resolve("emu") + " holds no images (files ending in"
                + " .bmp, .gif, .jpeg, .jpg, .png); remove the folder or add images", empty.getMessage());

        IOException missing = assertThrows(IOException.class, () -> new ImageFolder(root.resolve("x"), 3, 2, 2));
        assertEquals("ImageFolder: " + root.resolve("x") + " is not a directory (it does not exist)",
                missing.getMessage());
    }

    @Test
    void aJpegReadsCloseToItsColour() throws IOException {
        write("sky/s.jpg", 0x3366cc, 8, 8, "jpg");

        Tensor image = new ImageFolder(root, 3, 4, 4).get(0).features();

        assertTrue(image.allClose(Tensor.of(new float[] {0.2f, 0.4f, 0.8f}, 3, 1, 1).expand(3, 4, 4), 0, 0.03f),
                image.toString());
    }

    private void write(String name, int rgb, int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer");
    }

    private void writeGrey(String name, int value) throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {value, value, value, value});
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
