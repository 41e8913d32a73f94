package dev.nabla.tabular;

import java.util.Map;

/**
 * A preprocessing step fitted on training data and then applied, unchanged, to any data
 * (scikit-learn's transformer API): {@code fit} learns from the columns of a table (means,
 * categories, ...), {@code transform} applies what it learned. Fit on the training rows only,
 * so nothing of the test rows leaks into training.
 *
 * <pre>{@code
 * StandardScaler scaler = new StandardScaler();
 * Table trainScaled = scaler.fitTransform(train);
 * Table testScaled = scaler.transform(test);          // the training mean and scale
 * }</pre>
 *
 * <p>A transform acts on every column of the table it is fitted on and remembers their names;
 * {@code transform} takes those columns, by name, from the table it is given (other columns
 * are ignored) and returns the transformed columns only. Its {@link #state} holds its settings
 * and what it learned, as plain values; {@link Transforms} turns it into JSON and back.
 */
public interface Transform {

    /** Learns from every column of {@code table}; returns this. */
    Transform fit(Table table);

    /**
     * The fitted columns of {@code table}, transformed.
     *
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException when a fitted column is absent or of the wrong type, or
     *     a value cannot be transformed (an unknown category, say), naming the column and row
     */
    Table transform(Table table);

    /** {@code fit(table)}, then {@code transform(table)}. */
    default Table fitTransform(Table table) {
        return fit(table).transform(table);
    }

    /**
     * Undoes {@link #transform}: scaled numbers back to the original scale, codes back to
     * categories.
     *
     * @throws UnsupportedOperationException for a transform that cannot be undone (an imputer)
     */
    default Table inverseTransform(Table table) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be undone");
    }

    /**
     * The settings and the fitted values, as maps, lists, strings, numbers and booleans,
     * with the transform's {@code type}; {@link Transforms#fromState} makes the same transform.
     */
    Map<String, Object> state();
}
