package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the three scalers share: each numeric column {@code j} becomes
 * {@code (x - center[j]) / scale[j]}; missing values are left out of the fit and stay missing.
 */
abstract sealed class Scaler implements Transform permits StandardScaler, MinMaxScaler, RobustScaler {

    List<String> columns;
    double[] center;
    double[] scale;

    /** The center and scale of one column from its present values (at least one). */
    abstract double[] fitColumn(double[] present);

    /** The settings, for {@link #state}. */
    abstract Map<String, Object> settings();

    @Override
    public Scaler fit(Table table) {
        List<String> names = FittedColumns.require(name(), table, ColumnType.NUMERIC,
                "scale numeric columns only (encode categories with OneHotEncoder)");
        double[] centers = new double[names.size()];
        double[] scales = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            double[] present = table.numeric(names.get(j)).present();
            if (present.length == 0) {
                throw new IllegalArgumentException(name() + ": column '" + names.get(j) + "' has no value in any of"
                        + " its " + table.rowCount() + " rows, so there is nothing to scale it by");
            }
            double[] fitted = fitColumn(present);
            centers[j] = fitted[0];
            scales[j] = fitted[1];
        }
        columns = names;
        center = centers;
        scale = scales;
        return this;
    }

    @Override
    public Table transform(Table table) {
        return apply(table, false);
    }

    @Override
    public Table inverseTransform(Table table) {
        return apply(table, true);
    }

    private Table apply(Table table, boolean inverse) {
        Table selected = FittedColumns.select(name(), columns, table, ColumnType.NUMERIC);
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            double[] values = selected.numeric(columns.get(j)).values();
            for (int row = 0; row < values.length; row++) {
                values[row] = inverse ? values[row] * scale[j] + center[j] : (values[row] - center[j]) / scale[j];
            }
            out.add(new NumericColumn(columns.get(j), values));
        }
        return new Table(out);
    }

    /** The fitted centers, one per column (copied). */
    public double[] center() {
        return center.clone();
    }

    /** The fitted scales, one per column (copied). */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", Transforms.typeOf(this));
        state.putAll(settings());
        if (columns != null) {
            state.put("columns", columns);
            state.put("center", FittedColumns.list(center));
            state.put("scale", FittedColumns.list(scale));
        }
        return state;
    }

    /** Restores the fitted values of a state (settings are the constructor's). */
    Scaler restore(Map<String, Object> state) {
        if (state.containsKey("columns")) {
            columns = FittedColumns.strings(state, "columns");
            center = FittedColumns.numbers(state, "center");
            scale = FittedColumns.numbers(state, "scale");
        }
        return this;
    }

    private String name() {
        return getClass().getSimpleName();
    }
}
