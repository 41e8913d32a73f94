package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference numbers written by {@code fixtures/generate_optimizers.py}: one record per line,
 * a name and whitespace-separated numbers; {@code #} starts a comment.
 */
final class Fixture {

    /** Relative tolerance of the acceptance criterion, with an absolute floor for values near 0. */
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    private final String resource;
    private final Map<String, double[]> records = new HashMap<>();

    private Fixture(String resource) {
        this.resource = resource;
    }

    static Fixture load(String resource) {
        Fixture fixture = new Fixture(resource);
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = line.strip();
                if (!text.isEmpty() && !text.startsWith("#")) {
                    String[] fields = text.split("\\s+");
                    fixture.records.put(fields[0], Arrays.stream(fields, 1, fields.length)
                            .mapToDouble(Double::parseDouble).toArray());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixture;
    }

    double[] get(String name) {
        double[] values = records.get(name);
        if (values == null) {
            fail(resource + " has no record '" + name + "'; rerun generate_optimizers.py");
        }
        return values;
    }

    float[] floats(String name) {
        double[] values = get(name);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static void assertClose(String what, double[] expected, float[] actual) {
        assertTrue(expected.length == actual.length, what + ": expected " + expected.length + " values, got "
                + actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = RELATIVE * Math.abs(expected[i]) + ABSOLUTE;
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                fail(what + "[" + i + "]: PyTorch " + expected[i] + ", Nabla " + actual[i] + " (tolerance "
                        + tolerance + ")\n  expected " + Arrays.toString(expected) + "\n  actual   "
                        + Arrays.toString(actual));
            }
        }
    }
}
