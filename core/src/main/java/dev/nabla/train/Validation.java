package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.WeightedDataset;
import dev.nabla.tensor.Tensor;

/** Keras's validation split: the last fraction of the data, taken before any shuffling. */
final class Validation {

    private Validation() {
    }

    /** A fit's training and validation sets: by {@code validationSplit}, else {@code validationData} (or null). */
    static Dataset[] parts(Dataset data, FitOptions options) {
        return options.validationSplit() > 0f ? split(data, options.validationSplit())
                : new Dataset[] {data, options.validationData()};
    }

    /** Training and validation parts; sample weights, if any, are split with their examples. */
    static Dataset[] split(Dataset data, float fraction) {
        if (data instanceof WeightedDataset weighted) {
            Dataset[] parts = split(weighted.examples(), fraction);
            int cut = parts[0].size();
            Tensor weights = weighted.weights();
            return new Dataset[] {new WeightedDataset(parts[0], weights.slice(0, 0, cut)),
                new WeightedDataset(parts[1], weights.slice(0, cut, weights.dim(0)))};
        }
        if (!(data instanceof TensorDataset tensors)) {
            throw new IllegalArgumentException("fit: validationSplit needs in-memory tensors (a TensorDataset); for"
                    + " other data sets pass validationData instead");
        }
        int n = tensors.size();
        int held = (int) Math.floor(n * (double) fraction);
        if (held == 0 || held == n) {
            throw new IllegalArgumentException("fit: validationSplit " + fraction + " of " + n
                    + " samples leaves " + (n - held) + " for training and " + held + " for validation");
        }
        return new Dataset[] {tensors.slice(0, n - held), tensors.slice(n - held, n)};
    }
}
