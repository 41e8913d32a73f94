package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * Examples stacked along a new first axis: features {@code [batch, ...]} and targets
 * {@code [batch, ...]}, row {@code i} of each belonging to the same example.
 */
public record Batch(Tensor features, Tensor targets) {

    /** The number of examples in this batch. */
    public int size() {
        return features.dim(0);
    }
}
