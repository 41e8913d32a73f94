package dev.nabla.cli.experiment;

import dev.nabla.data.Digits;
import dev.nabla.data.FashionMnist;
import dev.nabla.data.Mnist;
import dev.nabla.data.Split;
import dev.nabla.tensor.Generator;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The data sets an experiment names: {@code digits}, {@code fashion-mnist}, {@code mnist}. */
public enum BuiltInData {

    /** The 8×8 digits embedded in Nabla, cut 80/20 with seed 1 as {@code ./nabla train} cuts them. */
    DIGITS("digits", new int[] {1, 8, 8}, digitNames()),
    /** Fashion-MNIST, from the Debian package or {@code $NABLA_DATA}. */
    FASHION_MNIST("fashion-mnist", new int[] {1, 28, 28}, FashionMnist.CLASS_NAMES),
    /** MNIST, from {@code $NABLA_DATA}. */
    MNIST("mnist", new int[] {1, 28, 28}, digitNames());

    /** The seed of the digits' 80/20 cut, the built-in run's default, so every command sees the same test set. */
    static final long DIGITS_SPLIT_SEED = 1;

    private final String key;
    private final int[] sampleShape;
    private final List<String> classNames;

    BuiltInData(String key, int[] sampleShape, List<String> classNames) {
        this.key = key;
        this.sampleShape = sampleShape;
        this.classNames = classNames;
    }

    /** The name written in experiment files, e.g. {@code fashion-mnist}. */
    public String key() {
        return key;
    }

    /** One image's shape, {@code [channels, height, width]}. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** The name of each class, by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** The training and test sets. */
    public Split load() throws IOException {
        return switch (this) {
            case DIGITS -> Digits.load().split(0.8, new Generator(DIGITS_SPLIT_SEED));
            case FASHION_MNIST -> FashionMnist.load();
            case MNIST -> Mnist.load();
        };
    }

    /** The data set of a name ({@code fashion-mnist}, {@code fashion_mnist} and {@code FashionMnist} alike), or null. */
    public static BuiltInData byName(String name) {
        String wanted = normalize(name);
        return Arrays.stream(values()).filter(d -> normalize(d.key).equals(wanted)).findFirst().orElse(null);
    }

    /** The names, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(BuiltInData::key).toList();
    }

    private static String normalize(String name) {
        return name.replaceAll("[-_]", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> digitNames() {
        return IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    }
}
