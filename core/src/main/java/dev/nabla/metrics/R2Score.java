package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The coefficient of determination, {@code R² = 1 − SS_res / SS_tot}: how much better the
 * predictions are than always predicting the targets' mean. Keras's {@code R2Score}
 * ({@code "r2"}) and scikit-learn's {@code r2_score}.
 *
 * <p>Streaming without keeping the data: SS_res is a compensated running sum of
 * {@code w·(t − p)²}; SS_tot is the weighted sum of squared deviations from the weighted mean,
 * updated per sample with West's weighted form of Welford's algorithm, which stays accurate
 * when the targets' mean is large next to their spread (the naive {@code Σt² − (Σt)²/n}
 * cancels catastrophically there).
 *
 * <p>Predictions and targets {@code [N]} (one output) or {@code [N, k]} (k outputs, the last
 * axis); with several outputs the result is the plain mean of the per-output scores,
 * scikit-learn's default {@code multioutput="uniform_average"}. As in scikit-learn
 * ({@code force_finite=True}), an output whose SS_res is 0 scores 1 and one whose targets are
 * constant (SS_tot = 0) otherwise scores 0; with fewer than two samples R² is NaN. Sample
 * weights are one per sample {@code [N]}.
 */
public final class R2Score implements Metric {

    private static final String NAME = "R2Score";

    private int outputs;
    private long samples;
    private double[] weightSum = new double[0];
    private double[] mean = new double[0];
    private double[] squaredDeviations = new double[0];
    private CompensatedSum[] squaredResiduals = new CompensatedSum[0];

    @Override
    public String name() {
        return "r2";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        int k = MetricSupport.outputCount(NAME, predictions, targets, outputs);
        float[] p = MetricSupport.values(NAME, "predictions", predictions);
        float[] t = MetricSupport.values(NAME, "targets", targets);
        double[] w = MetricSupport.weights(NAME, sampleWeights, targets.shape().toArray());
        if (outputs == 0) {
            start(k);
        }
        for (int i = 0; i < p.length; i++) {
            add(i % k, t[i], p[i], MetricSupport.weight(w, i));
        }
        samples += p.length / Math.max(k, 1);
    }

    /** The mean of {@link #perOutput()}; NaN with fewer than two samples. */
    @Override
    public double result() {
        return samples < 2 ? Double.NaN : Arrays.stream(perOutput()).average().orElse(Double.NaN);
    }

    /** The R² of each output (scikit-learn's {@code multioutput="raw_values"}). */
    public double[] perOutput() {
        double[] out = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double residual = squaredResiduals[j].value();
            double total = squaredDeviations[j];
            out[j] = residual == 0 ? 1 : total == 0 ? 0 : 1 - residual / total;
            if (samples < 2) {
                out[j] = Double.NaN;
            }
        }
        return out;
    }

    @Override
    public void reset() {
        outputs = 0;
        samples = 0;
        start(0);
    }

    private void start(int k) {
        outputs = k;
        weightSum = new double[k];
        mean = new double[k];
        squaredDeviations = new double[k];
        squaredResiduals = new CompensatedSum[k];
        Arrays.setAll(squaredResiduals, j -> new CompensatedSum());
    }

    /** West (1979): the weighted mean and Σ w·(t − mean)² updated by one sample. */
    private void add(int j, double target, double prediction, double weight) {
        double residual = target - prediction;
        squaredResiduals[j].add(weight * residual * residual);
        if (weight == 0) {
            return;
        }
        weightSum[j] += weight;
        double delta = target - mean[j];
        mean[j] += delta * (weight / weightSum[j]);
        squaredDeviations[j] += weight * delta * (target - mean[j]);
    }
}
