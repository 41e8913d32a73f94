package dev.nabla.metrics;

/**
 * The fraction of samples whose integer label is among the k highest-scoring classes (k = 5
 * unless set): Keras's {@code SparseTopKCategoricalAccuracy}
 * ({@code "sparse_top_k_categorical_accuracy"}). Ties count as in {@link
 * TopKCategoricalAccuracy}: a label tied at the k-th place is in.
 *
 * <p>Predictions {@code [..., C]}, labels {@code [...]} or {@code [..., 1]} in [0, C), sample
 * weights one per sample, shape {@code [...]}.
 */
public final class SparseTopKCategoricalAccuracy extends ClassHits {

    private static final String NAME = "SparseTopKCategoricalAccuracy";

    /** k = 5, as in Keras. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    /** Counts a hit when the label is among the k best classes, k ≥ 1. */
    public SparseTopKCategoricalAccuracy(int k) {
        super(true, requirePositive(NAME, k));
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "sparse_top_k_categorical_accuracy";
    }
}
