package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tensors PyTorch computed, read from {@code fixtures/layers.txt} (written by
 * {@code fixtures/generate_layers.py}): a line with a name and sizes, then a line of values.
 */
final class TorchFixtures {

    /** Forward values must match PyTorch within this relative tolerance. */
    static final float FORWARD_TOLERANCE = 1e-5f;
    /** Gradients must match PyTorch within this relative tolerance. */
    static final float GRADIENT_TOLERANCE = 1e-4f;

    private static Map<String, Tensor> all;

    private TorchFixtures() {
    }

    /** The fixture tensor named {@code name}, e.g. {@code bn2d.output}. */
    static Tensor get(String name) {
        Tensor t = load().get(name);
        assertNotNull(t, "no fixture named " + name);
        return t;
    }

    /** The tensors named {@code prefix.key}, keyed by {@code key}: a state dict for loadStateDict. */
    static Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        load().forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    /** Asserts equal shapes and |actual - expected| ≤ tolerance·max(1, |expected|) elementwise. */
    static void assertClose(Tensor expected, Tensor actual, float tolerance, String what) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            float allowed = tolerance * Math.max(1f, Math.abs(e[i]));
            assertTrue(Math.abs(a[i] - e[i]) <= allowed,
                    what + ": element " + i + " is " + a[i] + ", PyTorch gives " + e[i]);
        }
    }

    /** A leaf copy of a fixture tensor that requires grad. */
    static Tensor leaf(String name) {
        Tensor t = get(name);
        return Tensor.of(t.toFloatArray(), t.shape().toArray()).requiresGrad(true);
    }

    private static synchronized Map<String, Tensor> load() {
        if (all == null) {
            try (InputStream in = TorchFixtures.class.getResourceAsStream("/fixtures/layers.txt")) {
                assertNotNull(in, "fixtures/layers.txt is missing from the test resources");
                all = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static Map<String, Tensor> parse(BufferedReader reader) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        String header;
        while ((header = reader.readLine()) != null) {
            if (header.isBlank() || header.startsWith("#")) {
                continue;
            }
            String[] head = header.trim().split(" ");
            int[] dims = Arrays.stream(head, 1, head.length).mapToInt(Integer::parseInt).toArray();
            String values = reader.readLine();
            float[] data = new float[Arrays.stream(dims).reduce(1, (x, y) -> x * y)];
            String[] words = values == null || values.isBlank() ? new String[0] : values.trim().split(" ");
            assertEquals(data.length, words.length, "fixture " + head[0] + ": number of values");
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.parseFloat(words[i]);
            }
            out.put(head[0], Tensor.of(data, dims));
        }
        return out;
    }
}
