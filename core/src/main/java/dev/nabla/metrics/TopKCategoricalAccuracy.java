package dev.nabla.metrics;

/**
 * The fraction of samples whose true class is among the k highest-scoring ones (k = 5 unless
 * set): Keras's {@code TopKCategoricalAccuracy} ({@code "top_k_categorical_accuracy"}), with
 * one-hot targets; {@link SparseTopKCategoricalAccuracy} takes integer labels.
 *
 * <p>Ties follow TensorFlow's {@code in_top_k}: the true class is in the top k when fewer than
 * k classes score strictly higher, so every class tied at the k-th place counts as in (scores
 * {@code [0.4, 0.3, 0.3]} put classes 1 and 2 both in the top 2, and in the top 1 only class
 * 0). scikit-learn's {@code top_k_accuracy_score} instead breaks ties by position; the two
 * agree whenever no tie straddles the k-th place. With k ≥ C every sample is a hit.
 *
 * <p>Predictions {@code [..., C]}, one-hot targets {@code [..., C]} (their arg-max is the true
 * class), sample weights one per sample, shape {@code [...]}.
 */
public final class TopKCategoricalAccuracy extends ClassHits {

    private static final String NAME = "TopKCategoricalAccuracy";

    /** k = 5, as in Keras. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    /** Counts a hit when the true class is among the k best, k ≥ 1. */
    public TopKCategoricalAccuracy(int k) {
        super(false, requirePositive(NAME, k));
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "top_k_categorical_accuracy";
    }
}
