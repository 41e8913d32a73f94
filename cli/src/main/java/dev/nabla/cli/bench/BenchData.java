package dev.nabla.cli.bench;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;

/**
 * The images the benchmarks train and infer on: Fashion-MNIST when it is installed, otherwise
 * random pixels in [0, 1) and random labels of the same shape (60,000 + 10,000 images
 * {@code [1, 28, 28]}, labels 0–9). {@link #source()} says which, for the output line.
 *
 * @param train the training images and labels
 * @param test the test images and labels
 * @param source {@code fashion-mnist} or {@code random}
 */
public record BenchData(TensorDataset train, TensorDataset test, String source) {

    /** Where the images come from: Fashion-MNIST if installed, or always one of the two. */
    public enum Choice {
        AUTO, FASHION_MNIST, RANDOM;

        /** {@code auto}, {@code fashion-mnist} or {@code random}. */
        public static Choice parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "fashion-mnist" -> FASHION_MNIST;
                case "random" -> RANDOM;
                default -> throw new IllegalArgumentException("data must be auto, fashion-mnist or random, got '"
                        + text + "'");
            };
        }
    }

    static final int TRAIN_SIZE = 60_000;
    static final int TEST_SIZE = 10_000;

    /** Loads the data as chosen; {@code AUTO} falls back to random data when Fashion-MNIST is not installed. */
    public static BenchData load(Choice choice) throws IOException {
        if (choice == Choice.RANDOM) {
            return random(TRAIN_SIZE, TEST_SIZE, 1);
        }
        try {
            var split = FashionMnist.load();
            return new BenchData(split.train(), split.test(), "fashion-mnist");
        } catch (FileNotFoundException notInstalled) {
            if (choice == Choice.FASHION_MNIST) {
                throw notInstalled;
            }
            return random(TRAIN_SIZE, TEST_SIZE, 1);
        }
    }

    /** Random images {@code [N, 1, 28, 28]} in [0, 1) and INT32 labels in 0–9, drawn from {@code seed}. */
    public static BenchData random(int trainSize, int testSize, long seed) {
        Generator generator = new Generator(seed);
        return new BenchData(randomImages(generator, trainSize), randomImages(generator, testSize), "random");
    }

    private static TensorDataset randomImages(Generator generator, int size) {
        return new TensorDataset(Tensor.rand(generator, size, 1, 28, 28), Tensor.randint(generator, 0, 10, size));
    }
}
