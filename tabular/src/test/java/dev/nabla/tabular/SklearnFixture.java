package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The inputs and scikit-learn's outputs that {@code fixtures/generate_transforms.py} wrote:
 * the training and test tables, and expected values by name.
 */
final class SklearnFixture {

    static final List<String> NUMERIC = List.of("a", "b", "c", "d");
    static final List<String> CATEGORICAL = List.of("color", "size");

    private static Table train;
    private static Table test;
    private static Map<String, String> expected;

    private SklearnFixture() {
    }

    static synchronized Table train() {
        load();
        return train;
    }

    static synchronized Table test() {
        load();
        return test;
    }

    /** Expected numbers, row by row. */
    static double[] numbers(String name) {
        load();
        return Arrays.stream(expected.get(name).split(" "))
                .mapToDouble(v -> v.equals("nan") ? Double.NaN : Double.parseDouble(v)).toArray();
    }

    /** Expected text values (null for missing), row by row. */
    static List<String> texts(String name) {
        load();
        List<String> values = new ArrayList<>();
        for (Object v : (List<?>) Transforms.parse(expected.get(name))) {
            values.add((String) v);
        }
        return values;
    }

    /** A table's numeric columns, row by row, as scikit-learn's arrays hold them. */
    static double[] rowMajor(Table table) {
        double[] out = new double[table.rowCount() * table.columnCount()];
        for (int j = 0; j < table.columnCount(); j++) {
            NumericColumn column = (NumericColumn) table.columns().get(j);
            for (int row = 0; row < table.rowCount(); row++) {
                out[row * table.columnCount() + j] = column.get(row);
            }
        }
        return out;
    }

    /** A table's text, row by row. */
    static List<String> rowMajorText(Table table) {
        List<String> out = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            for (Column column : table.columns()) {
                out.add(column.text(row));
            }
        }
        return out;
    }

    /** Equal within 1e-12, relative to the larger magnitude (and NaN where NaN is expected). */
    static void assertClose(double[] expectedValues, double[] actual, String what) {
        assertEquals(expectedValues.length, actual.length, what + ": length");
        for (int i = 0; i < actual.length; i++) {
            double e = expectedValues[i];
            double a = actual[i];
            boolean close = Double.isNaN(e) ? Double.isNaN(a)
                    : Math.abs(e - a) <= 1e-12 * Math.max(1, Math.max(Math.abs(e), Math.abs(a)));
            if (!close) {
                throw new AssertionError(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }

    private static void load() {
        if (expected != null) {
            return;
        }
        try {
            Path directory = Path.of(SklearnFixture.class.getResource("/fixtures/transforms.safetensors").toURI())
                    .getParent();
            train = Csv.read(directory.resolve("transforms_train.csv"));
            test = Csv.read(directory.resolve("transforms_test.csv"));
            expected = Safetensors.read(directory.resolve("transforms.safetensors")).metadata();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
