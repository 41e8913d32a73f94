package dev.nabla.tabular;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named columns of equal length, in order: what a CSV file holds, and what the transforms
 * take and give. Not a data frame library: just enough to choose columns by name, take rows
 * (a fold of cross-validation), put tables side by side and turn numbers into a tensor.
 *
 * <pre>{@code
 * Table table = Csv.read(Path.of("patients.csv"));
 * Table features = table.drop("diagnosis");
 * Tensor x = new StandardScaler().fitTransform(features).toTensor();   // [rows, columns]
 * }</pre>
 */
public final class Table {

    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final int rowCount;

    /** A table of these columns, which must have distinct names and the same length. */
    public Table(List<? extends Column> columns) {
        this.rowCount = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column column : columns) {
            if (column.size() != rowCount) {
                throw new IllegalArgumentException("Table: column '" + column.name() + "' has " + column.size()
                        + " rows, column '" + columns.get(0).name() + "' " + rowCount + "; all need the same");
            }
            if (this.columns.putIfAbsent(column.name(), column) != null) {
                throw new IllegalArgumentException("Table: two columns are named '" + column.name() + "'");
            }
        }
    }

    /** A table of these columns. */
    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** The number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** The number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** The columns' names, in order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    /** Whether a column has this name. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The column of this name. */
    public Column column(String name) {
        Column column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column '" + name + "'; the columns are: "
                    + String.join(", ", columns.keySet()));
        }
        return column;
    }

    /** The numeric column of this name. */
    public NumericColumn numeric(String name) {
        if (column(name) instanceof NumericColumn numeric) {
            return numeric;
        }
        throw new IllegalArgumentException("column '" + name + "' is categorical, not numeric");
    }

    /** The categorical column of this name. */
    public CategoricalColumn categorical(String name) {
        if (column(name) instanceof CategoricalColumn categorical) {
            return categorical;
        }
        throw new IllegalArgumentException("column '" + name + "' is numeric, not categorical");
    }

    /** The names of the columns of one type, in order. */
    public List<String> namesOf(ColumnType type) {
        return columns.values().stream().filter(c -> c.type() == type).map(Column::name).toList();
    }

    /** These columns, in this order. */
    public Table select(List<String> names) {
        return new Table(names.stream().map(this::column).toList());
    }

    /** These columns, in this order. */
    public Table select(String... names) {
        return select(List.of(names));
    }

    /** Every column but these. */
    public Table drop(String... names) {
        List<String> dropped = Arrays.asList(names);
        dropped.forEach(this::column);
        return new Table(columns.values().stream().filter(c -> !dropped.contains(c.name())).toList());
    }

    /** These rows, in this order. */
    public Table rows(int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= rowCount) {
                throw new IndexOutOfBoundsException("row " + index + " of a table of " + rowCount + " rows");
            }
        }
        return new Table(columns.values().stream().map(c -> c.rows(indices)).toList());
    }

    /** This table's columns followed by {@code other}'s (scikit-learn's {@code hstack}). */
    public Table concat(Table other) {
        if (columns.isEmpty()) {
            return other;
        }
        if (!other.columns.isEmpty() && other.rowCount != rowCount) {
            throw new IllegalArgumentException("Table.concat: " + rowCount + " rows beside " + other.rowCount);
        }
        List<Column> all = new ArrayList<>(columns.values());
        all.addAll(other.columns.values());
        return new Table(all);
    }

    /**
     * The values as a FLOAT32 tensor {@code [rows, columns]}, row by row.
     *
     * @throws IllegalArgumentException naming the first categorical column (encode it first) or
     *     the first missing value (impute it first)
     */
    public Tensor toTensor() {
        float[] data = new float[rowCount * columns.size()];
        int j = 0;
        for (Column column : columns.values()) {
            if (!(column instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("column '" + column.name() + "' is categorical; encode it as"
                        + " numbers first (OneHotEncoder or OrdinalEncoder)");
            }
            int missing = numeric.firstMissing();
            if (missing >= 0) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + numeric.missingCount()
                        + " missing values (the first in row " + missing + "); fill them first (SimpleImputer)");
            }
            for (int row = 0; row < rowCount; row++) {
                data[row * columns.size() + j] = (float) numeric.get(row);
            }
            j++;
        }
        return Tensor.of(data, rowCount, columns.size());
    }

    @Override
    public String toString() {
        return "Table(" + rowCount + " rows, columns " + String.join(", ", columns.keySet()) + ")";
    }

    static String checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a column needs a name, got null");
        }
        return name;
    }
}
