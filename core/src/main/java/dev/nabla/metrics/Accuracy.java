package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;

/**
 * The accuracy that {@code "accuracy"} means in Keras's {@code compile(metrics=["accuracy"])}:
 * binary, categorical or sparse categorical, chosen from the shapes of the first batch with
 * Keras's rule, then kept (also across {@link #reset()}):
 *
 * <ul>
 *   <li>{@link BinaryAccuracy} when the predictions' last axis has size 1, or predictions and
 *       targets are both vectors {@code [N]} (there Keras would pick categorical accuracy,
 *       one arg-max over the whole batch, which is never what is meant);</li>
 *   <li>{@link SparseCategoricalAccuracy} when the targets have fewer axes than the
 *       predictions, or a last axis of size 1 while the predictions' is larger;</li>
 *   <li>{@link CategoricalAccuracy} otherwise (targets one-hot, same shape as predictions).</li>
 * </ul>
 *
 * <p>So multi-label outputs {@code [N, k]} with 0/1 targets are read as categorical, as in
 * Keras: use {@link BinaryAccuracy} for those. Keras's class {@code keras.metrics.Accuracy}
 * (exact equality of predictions and targets) is a different thing.
 */
public final class Accuracy implements Metric {

    private Metric resolved;

    @Override
    public String name() {
        return "accuracy";
    }

    /** The accuracy chosen at the first update, or null before it. */
    public Metric resolved() {
        return resolved;
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        Metric metric = resolved != null ? resolved : choose(predictions, targets);
        metric.update(predictions, targets, sampleWeights);
        resolved = metric;
    }

    @Override
    public double result() {
        return resolved == null ? 0 : resolved.result();
    }

    @Override
    public void reset() {
        if (resolved != null) {
            resolved.reset();
        }
    }

    /** Keras's rule in {@code compile_utils.get_metric} for "accuracy". */
    static Metric choose(Tensor predictions, Tensor targets) {
        if (predictions.rank() == 0 || targets.rank() == 0) {
            return new BinaryAccuracy();
        }
        int predictedLast = predictions.dim(-1);
        boolean vectors = predictions.rank() == 1 && targets.rank() == 1;
        if (predictedLast == 1 || vectors) {
            return new BinaryAccuracy();
        }
        boolean sparse = targets.rank() < predictions.rank() || (targets.dim(-1) == 1 && predictedLast > 1);
        return sparse ? new SparseCategoricalAccuracy() : new CategoricalAccuracy();
    }
}
