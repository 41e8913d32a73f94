package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces each category by its index among the column's training categories, sorted
 * (scikit-learn's {@code OrdinalEncoder}): one numeric column per categorical column, under
 * the same name. Missing values stay missing (NaN). A category not seen in training is an
 * error unless an {@link #unknownValue} is set (scikit-learn's
 * {@code handle_unknown="use_encoded_value"}).
 */
public final class OrdinalEncoder implements Transform {

    private final Double unknownValue;
    private List<String> columns;
    private List<List<String>> categories;

    /** Unknown categories are errors. */
    public OrdinalEncoder() {
        this(null);
    }

    private OrdinalEncoder(Double unknownValue) {
        this.unknownValue = unknownValue;
    }

    /** An encoder that gives unknown categories this code, e.g. -1. */
    public OrdinalEncoder unknownValue(double value) {
        return new OrdinalEncoder(value);
    }

    @Override
    public OrdinalEncoder fit(Table table) {
        columns = FittedColumns.require("OrdinalEncoder", table, ColumnType.CATEGORICAL,
                "encode categorical columns only");
        categories = columns.stream().map(name -> List.of(table.categorical(name).categories())).toList();
        return this;
    }

    @Override
    public Table transform(Table table) {
        Table selected = FittedColumns.select("OrdinalEncoder", columns, table, ColumnType.CATEGORICAL);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            CategoricalColumn column = selected.categorical(columns.get(j));
            List<String> known = categories.get(j);
            double[] codes = new double[column.size()];
            for (int row = 0; row < codes.length; row++) {
                int index = column.isMissing(row) ? -1 : known.indexOf(column.get(row));
                if (column.isMissing(row)) {
                    codes[row] = Double.NaN;
                } else if (index >= 0) {
                    codes[row] = index;
                } else if (unknownValue != null) {
                    codes[row] = unknownValue;
                } else {
                    throw new IllegalArgumentException("OrdinalEncoder: unknown category '" + column.get(row)
                            + "' in column '" + column.name() + "', row " + row + "; known: " + String.join(", ", known)
                            + "; set an unknown value to encode it");
                }
            }
            out.add(new NumericColumn(column.name(), codes));
        }
        return new Table(out);
    }

    /** Codes back to categories; NaN and codes of no category become missing. */
    @Override
    public Table inverseTransform(Table table) {
        Table selected = FittedColumns.select("OrdinalEncoder", columns, table, ColumnType.NUMERIC);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            NumericColumn codes = selected.numeric(columns.get(j));
            List<String> known = categories.get(j);
            String[] values = new String[codes.size()];
            for (int row = 0; row < values.length; row++) {
                double code = codes.get(row);
                values[row] = code >= 0 && code < known.size() && code == Math.rint(code) ? known.get((int) code)
                        : null;
            }
            out.add(new CategoricalColumn(columns.get(j), values));
        }
        return new Table(out);
    }

    /** The categories of each fitted column, sorted: category {@code i} is encoded as {@code i}. */
    public List<List<String>> categories() {
        return categories;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.put("unknown_value", unknownValue);
        if (columns != null) {
            state.put("columns", columns);
            state.put("categories", categories);
        }
        return state;
    }

    static OrdinalEncoder fromState(Map<String, Object> state) {
        Object unknown = state.get("unknown_value");
        OrdinalEncoder encoder = new OrdinalEncoder(unknown == null ? null : ((Number) unknown).doubleValue());
        if (state.containsKey("columns")) {
            encoder.columns = FittedColumns.strings(state, "columns");
            encoder.categories = ((List<?>) state.get("categories")).stream()
                    .map(list -> Arrays.stream(((List<?>) list).toArray()).map(v -> (String) v).toList()).toList();
        }
        return encoder;
    }
}
