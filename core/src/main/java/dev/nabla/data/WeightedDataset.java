package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * A data set whose examples carry a weight each (Keras's {@code sample_weight}): batches
 * hold the weights of their examples, which training multiplies into each example's loss.
 */
public final class WeightedDataset implements Dataset {

    private final Dataset examples;
    private final Tensor weights;

    /** {@code weights} holds one finite, non-negative value per example of {@code examples}. */
    public WeightedDataset(Dataset examples, Tensor weights) {
        if (weights.rank() != 1 || weights.dim(0) != examples.size()) {
            throw new IllegalArgumentException("WeightedDataset: need one weight per example: " + examples.size()
                    + " examples but weights of shape " + weights.shape());
        }
        float[] values = weights.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0f) || Float.isInfinite(values[i])) {
                throw new IllegalArgumentException("WeightedDataset: weight " + values[i] + " of example " + i
                        + " is not a finite non-negative number");
            }
        }
        this.examples = examples;
        this.weights = Tensor.of(values);
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public Example get(int index) {
        return examples.get(index);
    }

    @Override
    public Batch batch(int... indices) {
        return examples.batch(indices).withWeights(weights.indexSelect(0, indices));
    }

    /** The examples without their weights. */
    public Dataset examples() {
        return examples;
    }

    /** The weight of every example. */
    public Tensor weights() {
        return weights;
    }
}
