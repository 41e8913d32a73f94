package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path directory;

    @Test
    void onlyNablaDataIsSearched() {
        assertEquals(List.of(Path.of("/data"), Path.of("/data/mnist")),
                Mnist.FILES.searchPath(Map.of("NABLA_DATA", "/data")::get));
        assertEquals(List.of(), Mnist.FILES.searchPath(name -> null));
    }

    @Test
    void theMnistSubdirectoryOfNablaDataIsFound() throws IOException {
        MnistFilesTest.writeTinySet(directory.resolve("mnist"), 4, 3, true);

        Split split = Mnist.FILES.find(Map.of("NABLA_DATA", directory.toString())::get);

        assertEquals(4, split.train().size());
        assertEquals(3, split.test().size());
    }

    @Test
    void anExplicitDirectoryIsRead() throws IOException {
        MnistFilesTest.writeTinySet(directory, 2, 1, false);

        assertEquals(2, Mnist.load(directory).train().size());
    }

    @Test
    void withoutNablaDataTheMessageSaysHowToGetTheFiles() {
        var error = assertThrows(FileNotFoundException.class, () -> Mnist.FILES.find(name -> null));

        assertEquals("MNIST not found.\n"
                + "NABLA_DATA is not set.\n"
                + "Each directory needs train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, gzip-compressed (.gz) or not.\n"
                + "To get them: download the four .gz files (for example from"
                + " https://ossci-datasets.s3.amazonaws.com/mnist/, a mirror of http://yann.lecun.com/exdb/mnist/)"
                + " into a directory and set NABLA_DATA to it, or name the directory (Java: Mnist.load(directory);"
                + " an experiment file: data: {path: DIRECTORY}). Debian has no MNIST package; Fashion-MNIST (apt-get install dataset-fashion-mnist) has the same format and"
                + " sizes.", error.getMessage());
    }
}
