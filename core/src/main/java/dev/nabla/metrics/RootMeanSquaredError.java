package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The root of the mean squared error, {@code sqrt(Σ w·(p − t)² / Σ w)}: Keras's
 * {@code RootMeanSquaredError} ({@code "rmse"}) and scikit-learn's
 * {@code mean_squared_error(squared=False)}.
 *
 * <p>Predictions and targets {@code [N]} (one output) or {@code [N, k]} (k outputs, the last
 * axis; a trailing axis of size 1 on either is ignored). With several outputs the result is
 * the mean of the per-output RMSEs, scikit-learn's {@code multioutput="uniform_average"} and
 * the same rule as {@link R2Score}; Keras instead takes the root of the mean over all
 * elements, which is larger unless every output has the same error. Sums are compensated
 * (Neumaier). Sample weights are one per sample {@code [N]}. 0 before any update.
 */
public final class RootMeanSquaredError implements Metric {

    private static final String NAME = "RootMeanSquaredError";

    private WeightedMean[] outputs = new WeightedMean[0];

    @Override
    public String name() {
        return "rmse";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        int k = MetricSupport.outputCount(NAME, predictions, targets, outputs.length);
        float[] p = MetricSupport.values(NAME, "predictions", predictions);
        float[] t = MetricSupport.values(NAME, "targets", targets);
        double[] w = MetricSupport.weights(NAME, sampleWeights, targets.shape().toArray());
        if (outputs.length == 0) {
            outputs = new WeightedMean[k];
            Arrays.setAll(outputs, j -> new WeightedMean());
        }
        for (int i = 0; i < p.length; i++) {
            double difference = (double) p[i] - t[i];
            outputs[i % k].add(difference * difference, MetricSupport.weight(w, i));
        }
    }

    /** The mean of {@link #perOutput()}. */
    @Override
    public double result() {
        return Arrays.stream(perOutput()).average().orElse(0);
    }

    /** The RMSE of each output (scikit-learn's {@code multioutput="raw_values"}). */
    public double[] perOutput() {
        return Arrays.stream(outputs).mapToDouble(mean -> Math.sqrt(mean.result())).toArray();
    }

    @Override
    public void reset() {
        outputs = new WeightedMean[0];
    }
}
