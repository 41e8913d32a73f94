package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * Reference tensors from another framework, read from a text fixture under
 * {@code src/test/resources/fixtures/}: {@code #} lines are comments, then each tensor is a line
 * {@code tensor NAME DIM...} followed by a line of its values in row-major order.
 */
record Fixture(String name, Map<String, float[]> values, Map<String, int[]> shapes) {

    /** Reads {@code fixtures/PATH.txt} from the test class path. */
    static Fixture load(String path) {
        String resource = "/fixtures/" + path + ".txt";
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing fixture " + resource + "; run generate_convolution.py");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] header = line.trim().split(" ");
                if (!header[0].equals("tensor")) {
                    throw new IllegalStateException(resource + ": expected 'tensor NAME DIM...', got " + line);
                }
                int[] shape = Arrays.stream(header, 2, header.length).mapToInt(Integer::parseInt).toArray();
                String data = reader.readLine();
                float[] v = data == null || data.isBlank() ? new float[0] : parseFloats(data.trim().split(" "));
                assertEquals(Shape.of(shape).size(), v.length, resource + ": value count of " + header[1]);
                values.put(header[1], v);
                shapes.put(header[1], shape);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fixture(path, values, shapes);
    }

    boolean has(String tensor) {
        return values.containsKey(tensor);
    }

    /** A new tensor holding the named values. */
    Tensor get(String tensor) {
        assertNotNull(values.get(tensor), name + " has no tensor " + tensor);
        return Tensor.of(values.get(tensor), shapes.get(tensor));
    }

    /** A new leaf tensor holding the named values, requiring grad; null when the fixture has none. */
    Tensor leaf(String tensor) {
        return has(tensor) ? get(tensor).requiresGrad(true) : null;
    }

    /** Fails naming the worst element unless every |actual − expected| ≤ atol + rtol·|expected|. */
    static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        assertNotNull(actual, what + " is missing");
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
            if (excess > worstExcess || Double.isNaN(a[i])) {
                worst = i;
                worstExcess = Double.isNaN(a[i]) ? Double.POSITIVE_INFINITY : excess;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(what + ": element " + worst + " is " + a[worst] + ", expected " + e[worst]
                    + " (tolerance " + atol + " + " + rtol + "·|expected|)");
        }
    }

    private static float[] parseFloats(String[] words) {
        float[] v = new float[words.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(words[i]);
        }
        return v;
    }
}
