package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The fraction of samples whose highest-scoring class is their integer label: Keras's
 * {@code SparseCategoricalAccuracy} ({@code "sparse_categorical_accuracy"}).
 *
 * <p>Predictions {@code [..., C]} (scores, probabilities or logits; the arg-max is the first on
 * ties, as in NumPy) and labels {@code [...]} or {@code [..., 1]}, whole numbers in [0, C).
 * Sample weights are one per sample, shape {@code [...]}.
 */
public final class SparseCategoricalAccuracy implements Metric {

    private static final String NAME = "SparseCategoricalAccuracy";

    private final WeightedMean mean = new WeightedMean();

    @Override
    public String name() {
        return "sparse_categorical_accuracy";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        int[] truth = ClassHits.fromLabels(NAME, predictions, targets);
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
