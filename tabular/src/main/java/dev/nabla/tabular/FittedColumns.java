package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The names a transform was fitted on, and the checks every transform makes with them. */
final class FittedColumns {

    private FittedColumns() {
    }

    /** Fails unless every column of {@code table} is of {@code type}, naming the first that is not. */
    static List<String> require(String transform, Table table, ColumnType type, String hint) {
        for (Column column : table.columns()) {
            if (column.type() != type) {
                throw new IllegalArgumentException(transform + ": column '" + column.name() + "' is "
                        + column.type().name().toLowerCase(Locale.ROOT) + "; " + hint);
            }
        }
        return table.columnNames();
    }

    /**
     * The fitted columns of {@code table}, in fitted order; fails before fit, or when one is
     * absent or of another type.
     */
    static Table select(String transform, List<String> fitted, Table table, ColumnType type) {
        if (fitted == null) {
            throw new IllegalStateException(transform + " is not fitted yet; call fit(trainingTable) first");
        }
        List<Column> columns = new ArrayList<>();
        for (String name : fitted) {
            if (!table.has(name)) {
                throw new IllegalArgumentException(transform + ": the table has no column '" + name
                        + "', which it was fitted on; its columns: " + String.join(", ", table.columnNames()));
            }
            Column column = table.column(name);
            if (column.type() != type) {
                throw new IllegalArgumentException(transform + ": column '" + name + "' is "
                        + column.type().name().toLowerCase(Locale.ROOT) + " here but was " + type.name().toLowerCase(Locale.ROOT)
                        + " when fitted");
            }
            columns.add(column);
        }
        return new Table(columns);
    }

    /** A list of strings from a state map. */
    static List<String> strings(Map<String, Object> state, String key) {
        return ((List<?>) state.get(key)).stream().map(v -> (String) v).toList();
    }

    /** A list of numbers from a state map. */
    static double[] numbers(Map<String, Object> state, String key) {
        return ((List<?>) state.get(key)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** Numbers as a list for a state map. */
    static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
