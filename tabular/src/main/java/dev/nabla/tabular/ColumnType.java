package dev.nabla.tabular;

/** What a column holds: numbers (missing values as NaN) or categories (text; missing values as null). */
public enum ColumnType {
    /** Numbers, held as doubles; a missing value is NaN. */
    NUMERIC,
    /** Categories, held as text; a missing value is null. */
    CATEGORICAL
}
