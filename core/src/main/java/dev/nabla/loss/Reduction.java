package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * How a loss combines the values it computes for each element (or each sample) into its
 * result: PyTorch's {@code reduction='mean' | 'sum' | 'none'}, Keras's
 * {@code "sum_over_batch_size" | "sum" | None}.
 */
public enum Reduction {
    /** The average of the values: a scalar. */
    MEAN,
    /** The sum of the values: a scalar. */
    SUM,
    /** The values themselves, unreduced. */
    NONE;

    /** Reduces per-element or per-sample loss values as this reduction says. */
    public Tensor reduce(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
