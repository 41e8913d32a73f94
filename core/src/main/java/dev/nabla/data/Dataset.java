package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * A finite, indexed collection of examples (PyTorch's map-style {@code Dataset}). A
 * {@link DataLoader} reads it in batches, possibly from a background thread, so
 * {@link #get} and {@link #batch} must be safe to call from a thread other than the one
 * that made the data set (reading immutable data is).
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /** The example at {@code index}, in {@code [0, size())}. */
    Example get(int index);

    /**
     * The examples at these positions, stacked: features {@code [indices.length, ...]},
     * targets {@code [indices.length, ...]}. This default stacks {@link #get} results one
     * by one; data sets that hold whole tensors override it with one gather.
     */
    default Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        Tensor[] features = new Tensor[indices.length];
        Tensor[] targets = new Tensor[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Example example = get(indices[i]);
            features[i] = example.features();
            targets[i] = example.target();
        }
        return new Batch(Tensor.stack(0, features), Tensor.stack(0, targets));
    }
}
