package dev.nabla.generative;

import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How good a Fashion-MNIST generator's samples are, by the shipped {@link FidClassifier}:
 * {@code fid_fmnist}, the {@link FrechetDistance} between the features of {@code count} samples
 * and of as many real images (10,000 of the test set is the documented measure); {@code
 * label_K}, the fraction of the samples the classifier takes for class K (mode collapse shows as a
 * skewed histogram); and for a conditional model {@code label_accuracy}, the fraction classified as
 * the class they were asked for (every class in turn).
 */
public final class SampleQuality {

    private SampleQuality() {
    }

    /** The measures of {@code count} samples of {@code model} (noise of {@code seed}) against {@code real [M, 1, 28, 28]}. */
    public static Map<String, Double> measure(GenerativeModel model, Tensor real, int count, long seed) {
        Tensor samples = model.sample(count, -1, seed);
        Map<String, Double> metrics = measure(samples, real);
        if (model.classes() > 0) {
            Tensor asked = GenerativeModel.labelsFor(count, -1, model.classes());
            Tensor found = FidClassifier.shipped().labels(samples);
            metrics.put("label_accuracy", (double) found.to(asked.dtype()).eq(asked).mean().item());
        }
        return metrics;
    }

    /** The FID-FMNIST of images {@code [N, 1, 28, 28]} in [0, 1] against {@code real}, and their label histogram. */
    public static Map<String, Double> measure(Tensor images, Tensor real) {
        FidClassifier classifier = FidClassifier.shipped();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("fid_fmnist", FrechetDistance.between(classifier.features(images), classifier.features(real)));
        float[] labels = classifier.labels(images).to(dev.nabla.tensor.DType.FLOAT32).toFloatArray();
        int[] histogram = new int[10];
        for (float label : labels) {
            histogram[(int) label]++;
        }
        for (int k = 0; k < 10; k++) {
            metrics.put(String.format(Locale.ROOT, "label_%d", k), histogram[k] / (double) labels.length);
        }
        return metrics;
    }
}
