package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/** The shared update of the mean-error metrics: one observation per element. */
final class Errors {

    private Errors() {
    }

    /**
     * Adds |p − t| (or (p − t)² when squared) of every element, weighted; predictions and
     * targets have the same shape, weights one per sample or per element.
     */
    static void add(WeightedMean mean, String metric, Tensor predictions, Tensor targets, Tensor sampleWeights,
                    boolean squared) {
        MetricSupport.requireSameShape(metric, predictions, targets);
        float[] p = MetricSupport.values(metric, "predictions", predictions);
        float[] t = MetricSupport.values(metric, "targets", targets);
        double[] w = MetricSupport.weights(metric, sampleWeights, targets.shape().toArray());
        for (int i = 0; i < p.length; i++) {
            double difference = (double) p[i] - t[i];
            mean.add(squared ? difference * difference : Math.abs(difference), MetricSupport.weight(w, i));
        }
    }
}
