package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/** The per-element values of the mean-error metrics. */
final class Errors {

    private Errors() {
    }

    /**
     * |p − t| (or (p − t)² when squared) of every element; predictions and targets have the
     * same shape.
     */
    static double[] of(String metric, Tensor predictions, Tensor targets, boolean squared) {
        MetricSupport.requireSameShape(metric, predictions, targets);
        float[] p = MetricSupport.values(metric, "predictions", predictions);
        float[] t = MetricSupport.values(metric, "targets", targets);
        double[] errors = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double difference = (double) p[i] - t[i];
            errors[i] = squared ? difference * difference : Math.abs(difference);
        }
        return errors;
    }
}
