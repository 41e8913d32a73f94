package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * A metric that is the weighted mean of one value per observation over everything seen
 * (Keras's {@code MeanMetricWrapper}): a subclass says what each observation's value is (1 or
 * 0 for a hit, an absolute or squared error) and this class averages them with the sample
 * weights, {@code Σ w·v / Σ w}, compensated, 0 before any update.
 *
 * <p>The metric's simple class name starts every message, as the other metrics' do.
 */
abstract class MeanMetric implements Metric {

    private final WeightedMean mean = new WeightedMean();

    /**
     * The value of each observation of the batch, in row-major order, after checking the batch.
     *
     * @throws IllegalArgumentException naming the metric for shapes that do not fit or bad values
     */
    abstract double[] values(Tensor predictions, Tensor targets);

    /** The observations' shape, which sample weights must fit: the targets' unless a subclass says otherwise. */
    int[] observations(Tensor predictions, Tensor targets) {
        return targets.shape().toArray();
    }

    @Override
    public final void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        double[] values = values(predictions, targets);
        double[] w = MetricSupport.weights(getClass().getSimpleName(), sampleWeights,
                observations(predictions, targets));
        for (int i = 0; i < values.length; i++) {
            mean.add(values[i], MetricSupport.weight(w, i));
        }
    }

    @Override
    public final double result() {
        return mean.result();
    }

    @Override
    public final void reset() {
        mean.reset();
    }
}
