package dev.nabla.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a target column's classes into labels 0, 1, ... (scikit-learn's {@code LabelEncoder}):
 * the classes seen in training, sorted (numerically for a numeric column), label {@code i}
 * for class {@code i}. A target must have a value in every row, and transform refuses a class
 * not seen in training.
 *
 * <pre>{@code
 * LabelEncoder labels = new LabelEncoder().fit(table.column("diagnosis"));   // classes benign, malignant
 * int[] y = labels.transform(table.column("diagnosis"));
 * }</pre>
 */
public final class LabelEncoder {

    private List<String> classes;
    private Map<String, Integer> index;

    /** Learns the classes of {@code column}; returns this. */
    public LabelEncoder fit(Column column) {
        requireComplete(column);
        List<String> found = new ArrayList<>();
        if (column instanceof NumericColumn numeric) {
            new TreeSet<>(Arrays.stream(numeric.values()).boxed().toList())
                    .forEach(v -> found.add(NumericColumn.format(v)));
        } else {
            found.addAll(List.of(((CategoricalColumn) column).categories()));
        }
        setClasses(found);
        return this;
    }

    /** The label of each row. */
    public int[] transform(Column column) {
        if (classes == null) {
            throw new IllegalStateException("LabelEncoder is not fitted yet; call fit(trainingColumn) first");
        }
        requireComplete(column);
        int[] labels = new int[column.size()];
        for (int row = 0; row < labels.length; row++) {
            Integer label = index.get(column.text(row));
            if (label == null) {
                throw new IllegalArgumentException("LabelEncoder: unknown class '" + column.text(row) + "' in column '"
                        + column.name() + "', row " + row + "; known: " + String.join(", ", classes));
            }
            labels[row] = label;
        }
        return labels;
    }

    /** {@code fit(column)}, then {@code transform(column)}. */
    public int[] fitTransform(Column column) {
        return fit(column).transform(column);
    }

    /** The class of each label, as a categorical column named {@code name}. */
    public CategoricalColumn inverseTransform(String name, int[] labels) {
        String[] values = new String[labels.length];
        for (int row = 0; row < labels.length; row++) {
            if (labels[row] < 0 || labels[row] >= classes.size()) {
                throw new IllegalArgumentException("LabelEncoder: label " + labels[row] + " in row " + row
                        + " is not one of the " + classes.size() + " classes");
            }
            values[row] = classes.get(labels[row]);
        }
        return new CategoricalColumn(name, values);
    }

    /** The classes, by label. */
    public List<String> classes() {
        return classes;
    }

    /** The classes, for a model file. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", "label_encoder");
        if (classes != null) {
            state.put("classes", classes);
        }
        return state;
    }

    /** The encoder a {@link #state} describes. */
    public static LabelEncoder fromState(Map<String, Object> state) {
        LabelEncoder encoder = new LabelEncoder();
        if (state.containsKey("classes")) {
            encoder.setClasses(FittedColumns.strings(state, "classes"));
        }
        return encoder;
    }

    private void setClasses(List<String> found) {
        classes = List.copyOf(found);
        index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
    }

    private static void requireComplete(Column column) {
        int row = column.firstMissing();
        if (row >= 0) {
            throw new IllegalArgumentException("LabelEncoder: the target column '" + column.name() + "' has "
                    + column.missingCount() + " missing values (the first in row " + row
                    + "); every example needs its class; drop those rows");
        }
    }
}
