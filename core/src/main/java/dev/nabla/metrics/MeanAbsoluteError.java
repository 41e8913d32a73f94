package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The mean absolute error, {@code Σ w·|p − t| / Σ w} over every element: Keras's {@code MeanAbsoluteError} metric ({@code "mae"}) and scikit-learn's {@code mean_absolute_error}.
 *
 * <p>Predictions and targets have the same shape (a trailing axis of size 1 on either is
 * ignored). For outputs {@code [N, k]} the mean over all elements is scikit-learn's
 * {@code multioutput="uniform_average"}, also with per-sample weights {@code [N]}. Sums are
 * compensated (Neumaier), so millions of batches lose no accuracy. 0 before any update.
 */
public final class MeanAbsoluteError extends MeanMetric {

    private static final String NAME = "MeanAbsoluteError";

    @Override
    public String name() {
        return "mae";
    }

    @Override
    double[] values(Tensor predictions, Tensor targets) {
        return Errors.of(NAME, predictions, targets, false);
    }
}
