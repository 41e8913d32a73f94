package dev.nabla.tabular;

/**
 * One named column of a {@link Table}: {@link NumericColumn} or {@link CategoricalColumn}.
 * Columns are immutable; every operation gives a new one.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    /** The column's name, e.g. the CSV header's. */
    String name();

    /** Numbers or categories. */
    ColumnType type();

    /** The number of rows. */
    int size();

    /** Whether row {@code row} has no value. */
    boolean isMissing(int row);

    /** The same values under another name. */
    Column renamed(String name);

    /** The values of these rows, in this order. */
    Column rows(int[] indices);

    /** How many rows have no value. */
    default int missingCount() {
        int count = 0;
        for (int row = 0; row < size(); row++) {
            if (isMissing(row)) {
                count++;
            }
        }
        return count;
    }

    /** The first row without a value, or -1. */
    default int firstMissing() {
        for (int row = 0; row < size(); row++) {
            if (isMissing(row)) {
                return row;
            }
        }
        return -1;
    }

    /**
     * Row {@code row} as text: a number as its shortest decimal (an integral one without
     * {@code .0}), null if missing.
     */
    String text(int row);
}
