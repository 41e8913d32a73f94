package dev.nabla.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28×28 grey images of clothing in 10
 * classes, 60,000 to train and 10,000 to test. Images are {@code [N, 1, 28, 28]} float32
 * in [0, 1] (pixels / 255), labels {@code [N]} INT32 in 0–9, named by {@link #CLASS_NAMES}.
 *
 * <p>{@link #load()} looks in {@code $NABLA_DATA}, {@code $NABLA_DATA/fashion-mnist}, then
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}), for
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}.
 */
public final class FashionMnist {

    /** The class of each label: {@code CLASS_NAMES.get(label)}. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final MnistFiles FILES = new MnistFiles("Fashion-MNIST", "fashion-mnist",
            List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            "install the Debian package (apt-get install dataset-fashion-mnist), or download the four .gz files from"
                    + " https://github.com/zalandoresearch/fashion-mnist (directory data/fashion) into a directory"
                    + " and set NABLA_DATA to it, or name the directory (Java: FashionMnist.load(directory);"
                    + " an experiment file: data: {path: DIRECTORY}).");

    private FashionMnist() {
    }

    /**
     * The training and test sets, from the first place of the search order that holds them.
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
