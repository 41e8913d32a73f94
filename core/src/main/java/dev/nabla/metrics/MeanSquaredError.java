package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The mean squared error, {@code Σ w·(p − t)² / Σ w} over every element: Keras's {@code MeanSquaredError} metric ({@code "mse"}) and scikit-learn's {@code mean_squared_error}.
 *
 * <p>Predictions and targets have the same shape (a trailing axis of size 1 on either is
 * ignored). For outputs {@code [N, k]} the mean over all elements is scikit-learn's
 * {@code multioutput="uniform_average"}, also with per-sample weights {@code [N]}. Sums are
 * compensated (Neumaier), so millions of batches lose no accuracy. 0 before any update.
 */
public final class MeanSquaredError extends MeanMetric {

    private static final String NAME = "MeanSquaredError";

    @Override
    public String name() {
        return "mse";
    }

    @Override
    double[] values(Tensor predictions, Tensor targets) {
        return Errors.of(NAME, predictions, targets, true);
    }
}
