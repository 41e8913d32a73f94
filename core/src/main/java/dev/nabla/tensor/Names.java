package dev.nabla.tensor;

import java.util.Locale;

/**
 * How Nabla matches the names people type for layers, losses, metrics, optimizers and
 * callbacks: case and underscores are ignored, so {@code "sparse_categorical_crossentropy"},
 * {@code "SparseCategoricalCrossEntropy"} and {@code "sparsecategoricalcrossentropy"} are one name.
 */
public final class Names {

    private Names() {
    }

    /** {@code name} without underscores, in lower case: the form two names are compared in. */
    public static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
