package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path directory;

    @Test
    void theDebianPackageLoadsWithTheRightShapesAndRanges() throws IOException {
        assumeTrue(Files.isDirectory(DEBIAN), "Fashion-MNIST is not installed in " + DEBIAN
                + " (apt-get install dataset-fashion-mnist); skipping");

        Split split = FashionMnist.FILES.find(name -> null);

        assertArrayEquals(new int[] {60_000, 1, 28, 28}, split.train().features().shape().toArray());
        assertArrayEquals(new int[] {10_000, 1, 28, 28}, split.test().features().shape().toArray());
        assertArrayEquals(new int[] {60_000}, split.train().targets().shape().toArray());
        assertEquals(DType.FLOAT32, split.train().features().dtype());
        assertEquals(DType.INT32, split.train().targets().dtype());
        assertEquals(0f, split.train().features().min().item());
        assertEquals(1f, split.train().features().max().item());
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
        assertArrayEquals(filled(6000f), classCounts(split.train().targets()));
        assertArrayEquals(filled(1000f), classCounts(split.test().targets()));
    }

    private static float[] classCounts(Tensor labels) {
        return labels.oneHot(10).sum(0).toFloatArray();
    }

    private static float[] filled(float value) {
        float[] values = new float[10];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void anEmptyNablaDataDirectoryGivesAMessageThatSaysHowToGetTheFiles() {
        Path missingSystem = directory.resolve("not-installed");
        MnistFiles files = FashionMnist.FILES.withSystemDirectories(List.of(missingSystem));

        var error = assertThrows(FileNotFoundException.class,
                () -> files.find(Map.of("NABLA_DATA", directory.toString())::get));

        String message = error.getMessage();
        assertTrue(message.startsWith("Fashion-MNIST not found. Looked in:\n  " + directory + ": missing "), message);
        assertTrue(message.contains("  " + directory.resolve("fashion-mnist") + ": no such directory\n"), message);
        assertTrue(message.contains("  " + missingSystem + ": no such directory\n"), message);
        assertTrue(message.endsWith("To get them: install the Debian package (apt-get install dataset-fashion-mnist),"
                + " or download the four .gz files from https://github.com/zalandoresearch/fashion-mnist (directory"
                + " data/fashion) into a directory and set NABLA_DATA to it, or name the directory (Java:"
                + " FashionMnist.load(directory); an experiment file: data: {path: DIRECTORY})."), message);
    }

    @Test
    void theSearchEndsInTheDebianPackagesDirectory() {
        assertEquals(List.of(Path.of("/data"), Path.of("/data/fashion-mnist"), DEBIAN),
                FashionMnist.FILES.searchPath(Map.of("NABLA_DATA", "/data")::get));
    }

    @Test
    void anExplicitDirectoryIsRead() throws IOException {
        MnistFilesTest.writeTinySet(directory, 3, 2, true);

        assertEquals(2, FashionMnist.load(directory).test().size());
    }

    @Test
    void thereIsANameForEachClass() {
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
    }
}
