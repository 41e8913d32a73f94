package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the PyTorch reference values in {@code fixtures/losses.txt} (written by
 * {@code fixtures/generate_losses.py}, whose docstring describes the format) and compares
 * losses with them.
 */
final class LossFixtures {

    static final double VALUE_TOLERANCE = 1e-5;
    static final double GRADIENT_TOLERANCE = 1e-4;
    /** An absolute floor, for reference values that are 0 or nearly so. */
    static final double ABSOLUTE_FLOOR = 1e-6;

    private static List<Case> all;

    private LossFixtures() {
    }

    /** One reference case: a loss's options, its inputs, its three reductions and the gradient. */
    record Case(String name, Map<String, String> options, Map<String, Tensor> tensors) {

        Tensor tensor(String key) {
            Tensor t = tensors.get(key);
            if (t == null) {
                throw new IllegalStateException(name + ": the fixture has no tensor '" + key + "'");
            }
            return t;
        }

        boolean has(String key) {
            return tensors.containsKey(key) || options.containsKey(key);
        }

        boolean flag(String key) {
            return Boolean.parseBoolean(options.getOrDefault(key, "false"));
        }

        float number(String key, float fallback) {
            String v = options.get(key);
            return v == null ? fallback : Float.parseFloat(v);
        }
    }

    /** The cases of one loss, e.g. {@code "huber"} for {@code huber/delta_1.0}, ...; at least one. */
    static List<Case> cases(String loss) {
        List<Case> found = load().stream().filter(c -> c.name().startsWith(loss + "/")).toList();
        assertFalse(found.isEmpty(), "no fixture cases for " + loss);
        return found;
    }

    /** Checks the loss (built for each reduction) against the case's values and MEAN gradient. */
    static void assertMatchesReference(Case c, Function<Reduction, Loss> lossWith) {
        Tensor predictions = c.tensor("predictions");
        Tensor targets = c.tensor("targets");
        for (Reduction r : Reduction.values()) {
            Tensor actual = lossWith.apply(r).apply(predictions, targets);
            assertClose(c.name() + " " + r, c.tensor("loss_" + r.name().toLowerCase(Locale.ROOT)), actual,
                    VALUE_TOLERANCE);
        }
        Tensor x = Tensor.of(predictions.toFloatArray(), predictions.shape().toArray()).requiresGrad(true);
        lossWith.apply(Reduction.MEAN).apply(x, targets).backward();
        assertClose(c.name() + " gradient", c.tensor("grad"), x.grad(), GRADIENT_TOLERANCE);
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double relative) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            double error = Math.abs((double) a[i] - e[i]);
            assertTrue(error <= relative * Math.abs(e[i]) + ABSOLUTE_FLOOR,
                    what + ": element " + i + " is " + a[i] + ", PyTorch gives " + e[i]);
        }
    }

    /** The loss and its gradient with respect to the predictions are finite everywhere. */
    static void assertFiniteWithGradient(Loss loss, Tensor predictions, Tensor targets) {
        Tensor x = Tensor.of(predictions.toFloatArray(), predictions.shape().toArray()).requiresGrad(true);
        Tensor value = loss.apply(x, targets);
        assertAllFinite("loss", value);
        value.backward();
        assertAllFinite("gradient", x.grad());
    }

    private static void assertAllFinite(String what, Tensor t) {
        for (float v : t.toFloatArray()) {
            assertTrue(Float.isFinite(v), what + " is not finite: " + t);
        }
    }

    private static synchronized List<Case> load() {
        if (all == null) {
            try (InputStream in = LossFixtures.class.getResourceAsStream("/fixtures/losses.txt")) {
                if (in == null) {
                    throw new IllegalStateException("fixtures/losses.txt is not on the test class path");
                }
                all = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static List<Case> parse(BufferedReader reader) throws IOException {
        List<Case> cases = new ArrayList<>();
        String name = null;
        Map<String, String> options = new HashMap<>();
        Map<String, Tensor> tensors = new HashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String[] words = line.strip().split("\\s+");
            switch (words[0]) {
                case "case" -> name = words[1];
                case "option" -> options.put(words[1], words[2]);
                case "tensor" -> tensors.put(words[1], parseTensor(words));
                case "end" -> {
                    cases.add(new Case(name, Map.copyOf(options), Map.copyOf(tensors)));
                    options.clear();
                    tensors.clear();
                }
                default -> { } // comments and blank lines
            }
        }
        return cases;
    }

    private static Tensor parseTensor(String[] words) {
        int[] shape = words[2].equals("-") ? new int[0]
                : java.util.Arrays.stream(words[2].split(",")).mapToInt(Integer::parseInt).toArray();
        float[] values = new float[words.length - 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(words[i + 3]);
        }
        return Tensor.of(values, shape);
    }
}
