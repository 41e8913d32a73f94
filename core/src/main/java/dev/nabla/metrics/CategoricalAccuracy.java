package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The fraction of samples whose highest-scoring class is the hot class of their one-hot
 * targets: Keras's {@code CategoricalAccuracy} ({@code "categorical_accuracy"}).
 *
 * <p>Predictions {@code [..., C]} (scores, probabilities or logits) and targets
 * {@code [..., C]}; both classes are arg-maxes, the first on ties as in NumPy, so soft
 * targets count by their largest entry. Sample weights are one per sample, shape
 * {@code [...]}. For integer labels use {@link SparseCategoricalAccuracy}.
 */
public final class CategoricalAccuracy implements Metric {

    private static final String NAME = "CategoricalAccuracy";

    private final WeightedMean mean = new WeightedMean();

    @Override
    public String name() {
        return "categorical_accuracy";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        int[] truth = ClassHits.fromOneHot(NAME, predictions, targets);
        ClassHits.add(mean, NAME, predictions, truth, sampleWeights, 0);
    }

    @Override
    public double result() {
        return mean.result();
    }

    @Override
    public void reset() {
        mean.reset();
    }
}
