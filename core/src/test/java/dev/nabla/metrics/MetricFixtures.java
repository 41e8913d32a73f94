package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.Safetensors;
import dev.nabla.io.SafetensorsFile;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scikit-learn reference values in {@code fixtures/metrics/metrics.safetensors}, written by
 * {@code fixtures/generate_metrics.py} (whose docstring lists the data sets): inputs as float32
 * tensors, expected values as decimal strings in the metadata.
 */
final class MetricFixtures {

    /**
     * Relative to max(1, |expected|). Inputs are float32 in both, and both compute in double,
     * so the only difference is the order of double additions: about 1e-15.
     */
    static final double TOLERANCE = 1e-6;

    private static SafetensorsFile file;

    /** A classification data set of the fixture: predictions (scores or class indices), labels, weights. */
    record Classification(String name, Tensor predictions, Tensor labels, Tensor weights) {
    }

    private MetricFixtures() {
    }

    static Tensor tensor(String name) {
        Tensor t = load().tensors().get(name);
        if (t == null) {
            throw new IllegalStateException("the metrics fixture has no tensor '" + name + "'");
        }
        return t;
    }

    static String text(String key) {
        String v = load().metadata().get(key);
        if (v == null) {
            throw new IllegalStateException("the metrics fixture has no value '" + key + "'");
        }
        return v;
    }

    static double value(String key) {
        double[] v = values(key);
        assertEquals(1, v.length, key + " holds several values");
        return v[0];
    }

    static double[] values(String key) {
        return Arrays.stream(text(key).split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    static void assertClose(String what, double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                what + ": " + actual + ", scikit-learn gives " + expected);
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + " [" + i + "]", expected[i], actual[i]);
        }
    }

    /**
     * The three classification sets: 4-class scores (class 3 never predicted), class indices
     * with class 3 absent, and the binary scores thresholded to class indices 0/1.
     */
    static List<Classification> classificationSets() {
        return List.of(
                new Classification("multiclass", tensor("multiclass/scores"), tensor("multiclass/labels"),
                        tensor("multiclass/weights")),
                new Classification("absent", tensor("absent/predictions"), tensor("absent/labels"),
                        tensor("absent/weights")),
                new Classification("binary", tensor("binary/scores").gt(0.5f), tensor("binary/labels"),
                        tensor("binary/weights")));
    }

    /**
     * Checks precision, recall or F1 (by its fixture key: precision, recall, f1) for every
     * average and set, with and without sample weights, against scikit-learn.
     */
    static void assertMatchesScikitLearn(Function<Average, ClassificationScore> metric, String key) {
        for (String suffix : new String[] {"", "_weighted_samples"}) {
            for (Classification set : classificationSets()) {
                Tensor w = suffix.isEmpty() ? null : set.weights();
                for (Average average : List.of(Average.MACRO, Average.MICRO, Average.WEIGHTED)) {
                    String name = set.name() + "/" + key + "_" + average.name().toLowerCase(Locale.ROOT) + suffix;
                    assertClose(name, value(name), result(metric.apply(average), set.predictions(), set.labels(), w));
                }
                ClassificationScore perClass = metric.apply(Average.NONE);
                feedInPieces(perClass, set.predictions(), set.labels(), w);
                String name = set.name() + "/" + key + "_none" + suffix;
                assertClose(name, values(name), perClass.perClass());
            }
            Tensor w = suffix.isEmpty() ? null : tensor("binary/weights");
            assertClose("binary/" + key + suffix, value("binary/" + key + suffix),
                    result(metric.apply(Average.BINARY), tensor("binary/scores"), tensor("binary/labels"), w));
        }
    }

    /**
     * Checks a regression metric (fixture key mae, mse, rmse or r2) on the regression and
     * offset sets, all outputs and the first alone, with and without weights.
     */
    static void assertRegressionMatchesScikitLearn(Supplier<Metric> metric, String key) {
        for (String set : new String[] {"regression", "offset"}) {
            Tensor predictions = tensor(set + "/predictions");
            Tensor targets = tensor(set + "/targets");
            for (String suffix : new String[] {"", "_weighted_samples"}) {
                Tensor w = suffix.isEmpty() ? null : tensor("regression/weights");
                String name = set + "/" + key + suffix;
                assertClose(name, value(name), result(metric.get(), predictions, targets, w));
                String single = set + "/" + key + "_single" + suffix;
                assertClose(single, value(single),
                        result(metric.get(), predictions.slice(1, 0, 1).reshape(-1), targets.slice(1, 0, 1).reshape(-1), w));
            }
        }
    }

    /** The metric's result after the batches fed in three uneven pieces (see {@link #feedInPieces}). */
    static double result(Metric metric, Tensor predictions, Tensor targets, Tensor weights) {
        feedInPieces(metric, predictions, targets, weights);
        return metric.result();
    }

    /** Feeds rows [0, n/5), [n/5, n/2) and [n/2, n): streaming must not change the result. */
    static void feedInPieces(Metric metric, Tensor predictions, Tensor targets, Tensor weights) {
        int n = predictions.dim(0);
        int[] cuts = {0, n / 5, n / 2, n};
        for (int i = 0; i < 3; i++) {
            metric.update(predictions.slice(0, cuts[i], cuts[i + 1]), targets.slice(0, cuts[i], cuts[i + 1]),
                    weights == null ? null : weights.slice(0, cuts[i], cuts[i + 1]));
        }
    }

    /** Three uneven batches give exactly, bit for bit, the results of one batch of all of them. */
    static void assertStreamsExactly(Supplier<Metric> metric, Tensor predictions, Tensor targets, Tensor weights) {
        Metric pieces = metric.get();
        feedInPieces(pieces, predictions, targets, weights);
        Metric whole = metric.get();
        whole.update(predictions, targets, weights);
        Map<String, Double> expected = whole.results();
        assertEquals(expected, pieces.results(), "three batches against one");
        whole.reset();
        whole.update(predictions, targets, weights);
        assertEquals(expected, whole.results(), "after reset");
    }

    private static synchronized SafetensorsFile load() {
        if (file == null) {
            URL url = MetricFixtures.class.getResource("/fixtures/metrics/metrics.safetensors");
            if (url == null) {
                throw new IllegalStateException("fixtures/metrics/metrics.safetensors is not on the test class path");
            }
            try {
                file = Safetensors.read(Path.of(url.toURI()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }
}
