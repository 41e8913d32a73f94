package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each categorical column into one 0/1 column per category seen in training
 * (scikit-learn's {@code OneHotEncoder}), named {@code column_category}, the categories
 * sorted. A category not seen in training is an error by default; with
 * {@link #ignoreUnknown()} its row gets zeros in all of the column's indicators. Missing
 * values must be imputed first.
 *
 * <pre>{@code
 * Table encoded = new OneHotEncoder().fitTransform(Table.of(new CategoricalColumn("color", "red", "blue")));
 * // columns color_blue, color_red
 * }</pre>
 */
public final class OneHotEncoder implements Transform {

    private final boolean ignoreUnknown;
    private List<String> columns;
    private List<List<String>> categories;

    /** Unknown categories are errors. */
    public OneHotEncoder() {
        this(false);
    }

    private OneHotEncoder(boolean ignoreUnknown) {
        this.ignoreUnknown = ignoreUnknown;
    }

    /**
     * An encoder that gives an unknown category zeros in every indicator (scikit-learn's
     * {@code handle_unknown="ignore"}).
     */
    public OneHotEncoder ignoreUnknown() {
        return new OneHotEncoder(true);
    }

    @Override
    public OneHotEncoder fit(Table table) {
        List<String> names = FittedColumns.require("OneHotEncoder", table, ColumnType.CATEGORICAL,
                "encode categorical columns only (declare the column categorical to encode numbers)");
        List<List<String>> found = new ArrayList<>();
        for (String name : names) {
            CategoricalColumn column = table.categorical(name);
            requireNoMissing(column);
            found.add(List.of(column.categories()));
        }
        columns = names;
        categories = found;
        return this;
    }

    @Override
    public Table transform(Table table) {
        Table selected = FittedColumns.select("OneHotEncoder", columns, table, ColumnType.CATEGORICAL);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            CategoricalColumn column = selected.categorical(columns.get(j));
            requireNoMissing(column);
            List<String> known = categories.get(j);
            double[][] indicators = new double[known.size()][column.size()];
            for (int row = 0; row < column.size(); row++) {
                int index = known.indexOf(column.get(row));
                if (index >= 0) {
                    indicators[index][row] = 1;
                } else if (!ignoreUnknown) {
                    throw new IllegalArgumentException("OneHotEncoder: unknown category '" + column.get(row)
                            + "' in column '" + column.name() + "', row " + row + "; known: " + String.join(", ", known)
                            + "; encode unknown categories as all zeros with handle_unknown: ignore");
                }
            }
            for (int c = 0; c < known.size(); c++) {
                out.add(new NumericColumn(column.name() + "_" + known.get(c), indicators[c]));
            }
        }
        return new Table(out);
    }

    /** Indicators back to categories; a row with no 1 (an ignored unknown) becomes missing. */
    @Override
    public Table inverseTransform(Table table) {
        if (columns == null) {
            throw new IllegalStateException("OneHotEncoder is not fitted yet; call fit(trainingTable) first");
        }
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            List<String> known = categories.get(j);
            String[] values = new String[table.rowCount()];
            for (int c = 0; c < known.size(); c++) {
                NumericColumn indicator = table.numeric(columns.get(j) + "_" + known.get(c));
                for (int row = 0; row < values.length; row++) {
                    if (indicator.get(row) > 0.5 && values[row] == null) {
                        values[row] = known.get(c);
                    }
                }
            }
            out.add(new CategoricalColumn(columns.get(j), values));
        }
        return new Table(out);
    }

    /** The categories of each fitted column, sorted. */
    public List<List<String>> categories() {
        return categories;
    }

    private static void requireNoMissing(CategoricalColumn column) {
        int row = column.firstMissing();
        if (row >= 0) {
            throw new IllegalArgumentException("OneHotEncoder: column '" + column.name() + "' has a missing value in"
                    + " row " + row + "; fill missing values first (SimpleImputer most_frequent or constant)");
        }
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.put("handle_unknown", ignoreUnknown ? "ignore" : "error");
        if (columns != null) {
            state.put("columns", columns);
            state.put("categories", categories);
        }
        return state;
    }

    static OneHotEncoder fromState(Map<String, Object> state) {
        OneHotEncoder encoder = new OneHotEncoder("ignore".equals(state.get("handle_unknown")));
        if (state.containsKey("columns")) {
            encoder.columns = FittedColumns.strings(state, "columns");
            encoder.categories = ((List<?>) state.get("categories")).stream()
                    .map(list -> Arrays.stream(((List<?>) list).toArray()).map(v -> (String) v).toList()).toList();
        }
        return encoder;
    }
}
