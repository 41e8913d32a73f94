package dev.nabla.metrics;

/**
 * The fraction of samples whose highest-scoring class is their integer label: Keras's
 * {@code SparseCategoricalAccuracy} ({@code "sparse_categorical_accuracy"}).
 *
 * <p>Predictions {@code [..., C]} (scores, probabilities or logits; the arg-max is the first on
 * ties, as in NumPy) and labels {@code [...]} or {@code [..., 1]}, whole numbers in [0, C).
 * Sample weights are one per sample, shape {@code [...]}.
 */
public final class SparseCategoricalAccuracy extends ClassHits {

    /** The arg-max accuracy over integer labels. */
    public SparseCategoricalAccuracy() {
        super(true, 0);
    }

    @Override
    public String name() {
        return "sparse_categorical_accuracy";
    }
}
