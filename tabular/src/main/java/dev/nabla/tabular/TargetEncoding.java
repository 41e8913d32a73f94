package dev.nabla.tabular;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * How a target column becomes the targets a loss expects, given the classes of a fitted
 * {@link LabelEncoder}.
 */
public enum TargetEncoding {
    /** Class labels {@code [N]} INT32, for sparse categorical cross-entropy. */
    LABELS,
    /** Labels 0 or 1 as floats {@code [N, 1]}, for binary cross-entropy (exactly two classes; the second is 1). */
    BINARY,
    /** One-hot rows {@code [N, classes]}, for categorical cross-entropy. */
    ONE_HOT,
    /** The numbers themselves {@code [N, 1]}, for regression losses; no classes. */
    VALUES;

    /** Whether the target is a class (and so needs a {@link LabelEncoder}). */
    public boolean isClassification() {
        return this != VALUES;
    }

    /** The targets of {@code column}: labels from {@code labels} (null for {@link #VALUES}). */
    public Tensor encode(Column column, LabelEncoder labels) {
        if (this == VALUES) {
            if (!(column instanceof NumericColumn numeric)) {
                throw new IllegalArgumentException("the target column '" + column.name() + "' is categorical;"
                        + " a regression loss needs numbers (or use a classification loss)");
            }
            int row = numeric.firstMissing();
            if (row >= 0) {
                throw new IllegalArgumentException("the target column '" + column.name() + "' has "
                        + numeric.missingCount() + " missing values (the first in row " + row + "); every example"
                        + " needs its target; drop those rows");
            }
            return Table.of(numeric).toTensor();
        }
        int[] y = labels.transform(column);
        int classes = labels.classes().size();
        if (this == BINARY && classes != 2) {
            throw new IllegalArgumentException("binary targets need exactly 2 classes; the target column '"
                    + column.name() + "' has " + classes + ": " + String.join(", ", labels.classes())
                    + " (use sparse_categorical_crossentropy)");
        }
        float[] values = new float[this == ONE_HOT ? y.length * classes : y.length];
        for (int row = 0; row < y.length; row++) {
            values[this == ONE_HOT ? row * classes + y[row] : row] = this == ONE_HOT ? 1 : y[row];
        }
        return switch (this) {
            case LABELS -> Tensor.of(values).to(DType.INT32);
            case BINARY -> Tensor.of(values, y.length, 1);
            default -> Tensor.of(values, y.length, classes);
        };
    }
}
