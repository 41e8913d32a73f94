package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {

    @TempDir
    Path directory;

    private final MnistFiles files = new MnistFiles("Tiny", "tiny", List.of(Path.of("/nonexistent/tiny")),
            "make them.");

    /**
     * Writes a tiny MNIST-format set into {@code directory}: {@code train} and {@code test}
     * images of 2×3 pixels, image i's pixels all 255 − i, label i mod 10.
     */
    static void writeTinySet(Path directory, int train, int test, boolean gzip) throws IOException {
        Files.createDirectories(directory);
        for (var part : Map.of("train", train, "t10k", test).entrySet()) {
            int count = part.getValue();
            byte[] pixels = new byte[count * 6];
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                java.util.Arrays.fill(pixels, 6 * i, 6 * i + 6, (byte) (255 - i));
                labels[i] = (byte) (i % 10);
            }
            write(directory.resolve(part.getKey() + "-images-idx3-ubyte"), IdxReaderTest.idx(0x08,
                    new int[] {count, 2, 3}, pixels), gzip);
            write(directory.resolve(part.getKey() + "-labels-idx1-ubyte"), IdxReaderTest.idx(0x08,
                    new int[] {count}, labels), gzip);
        }
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        if (gzip) {
            Files.write(Path.of(file + ".gz"), IdxReaderTest.gzip(bytes));
        } else {
            Files.write(file, bytes);
        }
    }

    @Test
    void imagesAreScaledToOneChannelAndLabelsAreIntegers() throws IOException {
        writeTinySet(directory, 12, 5, true);

        Split split = files.load(directory);

        assertEquals(12, split.train().size());
        assertEquals(5, split.test().size());
        assertArrayEquals(new int[] {12, 1, 2, 3}, split.train().features().shape().toArray());
        assertEquals(DType.FLOAT32, split.train().features().dtype());
        assertEquals(1f, split.train().features().get(0, 0, 0, 0));
        assertEquals(254f / 255f, split.train().features().get(1, 0, 1, 2));
        assertEquals(DType.INT32, split.test().targets().dtype());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, split.test().targets().toFloatArray());
    }

    @Test
    void uncompressedFilesAreFoundToo() throws IOException {
        writeTinySet(directory, 3, 2, false);

        assertEquals(3, files.load(directory).train().size());
    }

    @Test
    void theSearchOrderIsNablaDataItsSubdirectoryThenTheSystem() {
        assertEquals(List.of(Path.of("/data"), Path.of("/data/tiny"), Path.of("/nonexistent/tiny")),
                files.searchPath(Map.of("NABLA_DATA", "/data")::get));
        assertEquals(List.of(Path.of("/nonexistent/tiny")), files.searchPath(name -> null));
        assertEquals(List.of(Path.of("/nonexistent/tiny")), files.searchPath(name -> " "));
    }

    @Test
    void theFirstDirectoryWithAllFourFilesWins() throws IOException {
        writeTinySet(directory.resolve("tiny"), 4, 1, true);
        Path system = directory.resolve("system");
        writeTinySet(system, 7, 1, true);
        MnistFiles searched = files.withSystemDirectories(List.of(system));

        assertEquals(4, searched.find(Map.of("NABLA_DATA", directory.toString())::get).train().size());
        assertEquals(7, searched.find(name -> null).train().size());
    }

    @Test
    void notFoundSaysWhereItLookedWhatIsMissingAndHowToGetThem() throws IOException {
        Files.writeString(directory.resolve("train-images-idx3-ubyte.gz"), "not checked yet");
        Files.writeString(directory.resolve("t10k-images-idx3-ubyte"), "not checked yet");

        var error = assertThrows(FileNotFoundException.class,
                () -> files.find(Map.of("NABLA_DATA", directory.toString())::get));

        assertEquals("Tiny not found. Looked in:\n"
                + "  " + directory + ": missing train-labels-idx1-ubyte, t10k-labels-idx1-ubyte\n"
                + "  " + directory.resolve("tiny") + ": no such directory\n"
                + "  /nonexistent/tiny: no such directory\n"
                + "Each directory needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, gzip-compressed (.gz) or not.\n"
                + "To get them: make them.", error.getMessage());
    }

    @Test
    void notFoundSaysWhenNablaDataIsNotSet() {
        var error = assertThrows(FileNotFoundException.class, () -> files.find(name -> null));

        assertEquals("Tiny not found. Looked in:\n"
                + "  /nonexistent/tiny: no such directory\n"
                + "NABLA_DATA is not set.\n"
                + "Each directory needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, gzip-compressed (.gz) or not.\n"
                + "To get them: make them.", error.getMessage());
    }

    @Test
    void anExplicitDirectoryIsTheOnlyPlaceLookedIn() {
        var error = assertThrows(FileNotFoundException.class, () -> files.load(directory.resolve("absent")));

        assertEquals("Tiny not found. Looked in:\n  " + directory.resolve("absent") + ": no such directory\n",
                error.getMessage().substring(0, error.getMessage().indexOf("Each directory")));
    }

    @Test
    void labelsThatDoNotMatchTheImagesAreReported() throws IOException {
        writeTinySet(directory, 3, 2, true);
        Path labels = directory.resolve("train-labels-idx1-ubyte.gz");
        Files.write(labels, IdxReaderTest.gzip(IdxReaderTest.idx(0x08, new int[] {2}, new byte[2])));

        var error = assertThrows(IOException.class, () -> files.load(directory));

        assertEquals(labels + ": expected 3 labels (shape [3]), one for each image in "
                + directory.resolve("train-images-idx3-ubyte.gz") + ", got shape [2]", error.getMessage());
    }

    @Test
    void imagesMustHaveRowsAndColumns() throws IOException {
        writeTinySet(directory, 3, 2, false);
        Path images = directory.resolve("t10k-images-idx3-ubyte");
        Files.write(images, IdxReaderTest.idx(0x08, new int[] {2, 6}, new byte[12]));

        var error = assertThrows(IOException.class, () -> files.load(directory));

        assertEquals(images + ": expected images of shape [count, rows, columns], got [2, 6]", error.getMessage());
    }
}
