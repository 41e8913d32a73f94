package dev.nabla.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST handwritten digits (LeCun, Cortes and Burges): 28×28 grey images in 10 classes,
 * 60,000 to train and 10,000 to test. Images are {@code [N, 1, 28, 28]} float32 in [0, 1]
 * (pixels / 255), labels {@code [N]} INT32 in 0–9.
 *
 * <p>No system package ships MNIST, so {@link #load()} looks only in {@code $NABLA_DATA}
 * and {@code $NABLA_DATA/mnist}, for {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
 * {@code t10k-labels-idx1-ubyte.gz}. {@link FashionMnist} has the same format and sizes and
 * installs with one command; {@link Digits} needs nothing at all.
 */
public final class Mnist {

    static final MnistFiles FILES = new MnistFiles("MNIST", "mnist", List.of(),
            "download the four .gz files (for example from https://ossci-datasets.s3.amazonaws.com/mnist/, a mirror"
                    + " of http://yann.lecun.com/exdb/mnist/) into a directory and set NABLA_DATA to it, or name the"
                    + " directory (Java: Mnist.load(directory); an experiment file: data: {path: DIRECTORY})."
                    + " Debian has no MNIST package; Fashion-MNIST (apt-get install dataset-fashion-mnist) has the"
                    + " same format and sizes.");

    private Mnist() {
    }

    /**
     * The training and test sets, from {@code $NABLA_DATA} or {@code $NABLA_DATA/mnist}.
     *
     * @throws java.io.FileNotFoundException saying where it looked and how to get the files
     */
    public static Split load() throws IOException {
        return FILES.find(System::getenv);
    }

    /** The training and test sets from the four files in {@code directory} (and nowhere else). */
    public static Split load(Path directory) throws IOException {
        return FILES.load(directory);
    }
}
