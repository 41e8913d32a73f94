package dev.nabla.tabular;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/** A column of categories held as text; null marks a missing value. */
public final class CategoricalColumn implements Column {

    private final String name;
    private final String[] values;

    /** A column of these values (copied); null for a missing one. */
    public CategoricalColumn(String name, String... values) {
        this.name = Table.checkName(name);
        this.values = values.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value of row {@code row}, null if missing. */
    public String get(int row) {
        return values[row];
    }

    /** All values, copied. */
    public String[] values() {
        return values.clone();
    }

    /** The distinct values that are not missing, sorted (as scikit-learn sorts categories). */
    public String[] categories() {
        return new TreeSet<>(Arrays.stream(values).filter(Objects::nonNull).toList()).toArray(String[]::new);
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public CategoricalColumn renamed(String newName) {
        return new CategoricalColumn(newName, values);
    }

    @Override
    public CategoricalColumn rows(int[] indices) {
        String[] selected = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = values[indices[i]];
        }
        return new CategoricalColumn(name, selected);
    }

    @Override
    public String text(int row) {
        return values[row];
    }

    @Override
    public String toString() {
        return "CategoricalColumn(" + name + ", " + values.length + " rows, " + missingCount() + " missing)";
    }
}
