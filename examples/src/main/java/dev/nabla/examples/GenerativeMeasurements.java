package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.generative.Dcgan;
import dev.nabla.generative.FidClassifier;
import dev.nabla.generative.FrechetDistance;
import dev.nabla.generative.Gan;
import dev.nabla.generative.GenerativeModel;
import dev.nabla.generative.SampleQuality;
import dev.nabla.io.JsonWriter;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The FID-FMNIST figures of {@code docs/generative.md}: the floor (the 10,000 test images
 * against the first 10,000 training images), the ceiling (an untrained DCGAN generator's 10,000
 * samples against the test images), and every checkpoint named on the command line (its
 * samples' FID-FMNIST, label histogram and, for a conditional GAN, label accuracy), written with
 * the floor and ceiling ({@code fid_fmnist_floor}, {@code fid_fmnist_ceiling}) to {@code
 * metrics.json} beside the checkpoint.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.GenerativeMeasurements runs/dcgan-fashion-mnist/last.nabla ...
 * </pre>
 */
public final class GenerativeMeasurements {

    private static final int COUNT = 10_000;

    private GenerativeMeasurements() {
    }

    public static void main(String[] args) throws IOException {
        measure(COUNT, args).forEach(System.out::println);
    }

    /** One line per measure, from {@code count} images of each set. */
    static java.util.List<String> measure(int count, String... checkpoints) throws IOException {
        Split data = FashionMnist.load();
        Tensor test = data.test().features().slice(0, 0, count);
        Tensor train = data.train().features().slice(0, 0, count);
        java.util.List<String> lines = new java.util.ArrayList<>();
        Tensor found = FidClassifier.shipped().labels(test).to(dev.nabla.tensor.DType.FLOAT32);
        Tensor truth = data.test().targets().slice(0, 0, count).to(dev.nabla.tensor.DType.FLOAT32);
        lines.add(String.format(Locale.ROOT, "the classifier's test accuracy: %.4f", found.eq(truth).mean().item()));
        double floor = FrechetDistance.fidFmnist(train, test);
        lines.add(String.format(Locale.ROOT, "floor (test vs training images): fid_fmnist %.3f", floor));
        Layer.manualSeed(1);
        Gan untrained = new Gan(Dcgan.generator(DcganFashionMnist.LATENT_SIZE, 0, DcganFashionMnist.WIDTH),
                Dcgan.discriminator(0, DcganFashionMnist.WIDTH), DcganFashionMnist.LATENT_SIZE, 0);
        Map<String, Double> ceiling = SampleQuality.measure(untrained, test, count, 7);
        lines.add(line("ceiling (untrained DCGAN generator)", ceiling));
        for (String file : checkpoints) {
            Map<String, Double> metrics = new java.util.LinkedHashMap<>(
                    SampleQuality.measure(GenerativeModel.load(Path.of(file)), test, count, 7));
            lines.add(line(file, metrics));
            metrics.put("fid_fmnist_floor", floor);
            metrics.put("fid_fmnist_ceiling", ceiling.get("fid_fmnist"));
            Path json = Path.of(file).toAbsolutePath().resolveSibling("metrics.json");
            java.nio.file.Files.writeString(json, JsonWriter.writeLine(JsonWriter.finiteOrNull(metrics)) + "\n");
        }
        return lines;
    }

    private static String line(String what, Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder(what + ":");
        metrics.forEach((key, value) -> line.append(String.format(Locale.ROOT, " %s %.3f", key, value)));
        return line.toString();
    }
}
