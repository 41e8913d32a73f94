package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * Examples stacked along a new first axis: features {@code [batch, ...]} and targets
 * {@code [batch, ...]}, row {@code i} of each belonging to the same example, and, from a
 * {@link WeightedDataset}, one weight per example {@code [batch]} (otherwise null).
 */
public record Batch(Tensor features, Tensor targets, Tensor weights) {

    /** A batch without sample weights. */
    public Batch(Tensor features, Tensor targets) {
        this(features, targets, null);
    }

    /** The number of examples in this batch. */
    public int size() {
        return features.dim(0);
    }
}
