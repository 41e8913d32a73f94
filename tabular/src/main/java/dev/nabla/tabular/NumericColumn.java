package dev.nabla.tabular;

import java.util.Arrays;

/** A column of numbers, held as doubles; NaN marks a missing value. */
public final class NumericColumn implements Column {

    private final String name;
    private final double[] values;

    /** A column of these values (copied); NaN for a missing one. */
    public NumericColumn(String name, double... values) {
        this.name = Table.checkName(name);
        this.values = values.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value of row {@code row}, NaN if missing. */
    public double get(int row) {
        return values[row];
    }

    /** All values, copied. */
    public double[] values() {
        return values.clone();
    }

    /** The values that are not missing, in row order. */
    public double[] present() {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public NumericColumn renamed(String newName) {
        return new NumericColumn(newName, values);
    }

    @Override
    public NumericColumn rows(int[] indices) {
        double[] selected = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = values[indices[i]];
        }
        return new NumericColumn(name, selected);
    }

    @Override
    public String text(int row) {
        return isMissing(row) ? null : format(values[row]);
    }

    /** A number as text: {@code 3} for 3.0, {@code 0.25}, {@code 1.0E-7}. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    @Override
    public String toString() {
        return "NumericColumn(" + name + ", " + values.length + " rows, " + missingCount() + " missing)";
    }
}
