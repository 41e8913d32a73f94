package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;

/** Keras's validation split: the last fraction of the data, taken before any shuffling. */
final class Validation {

    private Validation() {
    }

    static TensorDataset[] split(Dataset data, float fraction) {
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
        return new TensorDataset[] {tensors.slice(0, n - held), tensors.slice(n - held, n)};
    }
}
