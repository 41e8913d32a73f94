package dev.nabla.metrics;

/**
 * The fraction of samples whose highest-scoring class is the hot class of their one-hot
 * targets: Keras's {@code CategoricalAccuracy} ({@code "categorical_accuracy"}).
 *
 * <p>Predictions {@code [..., C]} (scores, probabilities or logits) and targets
 * {@code [..., C]}; both classes are arg-maxes, the first on ties as in NumPy, so soft
 * targets count by their largest entry. Sample weights are one per sample, shape
 * {@code [...]}. For integer labels use {@link SparseCategoricalAccuracy}.
 */
public final class CategoricalAccuracy extends ClassHits {

    /** The arg-max accuracy over one-hot targets. */
    public CategoricalAccuracy() {
        super(false, 0);
    }

    @Override
    public String name() {
        return "categorical_accuracy";
    }
}
