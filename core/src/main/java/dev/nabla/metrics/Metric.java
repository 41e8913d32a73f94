package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * A streaming measure of model quality, as Keras's {@code keras.metrics.Metric}: feed it
 * batch after batch with {@link #update}, read {@link #result()} at any time, and
 * {@link #reset()} it between epochs.
 *
 * <p>Every metric accumulates plain counts and sums in {@code double} and {@code long}, one
 * element at a time in order, so feeding the batches one by one gives exactly (bit for bit)
 * the result of one update with all of them concatenated.
 *
 * <p>The argument order is the losses' ({@code loss.apply(predictions, targets)}): predictions
 * first, then targets (Keras's {@code update_state(y_true, y_pred)} is the other way round). Sample
 * weights are optional: one per sample (the predictions' leading axes, e.g. {@code [N]}), one
 * per element, or a single value; they must be finite and ≥ 0. A metric that has seen no
 * data, or only zero weights, returns 0 as Keras does, unless its Javadoc says otherwise.
 *
 * <p>Metrics are mutable and not thread-safe. Their options (threshold, k, average, ...) are
 * methods that return a new metric with those options and an empty state:
 * {@code new Precision().average(Average.MACRO)}. {@link Metrics#byName(String)} finds one
 * by its Keras name.
 */
public interface Metric {

    /** The Keras-style name this metric is logged under ({@code "accuracy"}, {@code "auc"}, ...). */
    String name();

    /** Adds a batch with unit weights. */
    default void update(Tensor predictions, Tensor targets) {
        update(predictions, targets, null);
    }

    /**
     * Adds a batch.
     *
     * @param sampleWeights how much each sample counts, or null for 1 each
     * @throws IllegalArgumentException naming the metric when shapes do not fit, a label is
     *     out of range or a value is NaN; the metric's state is then unchanged
     */
    void update(Tensor predictions, Tensor targets, Tensor sampleWeights);

    /**
     * The value over everything seen since the last reset.
     *
     * @throws UnsupportedOperationException for a metric with several values (a confusion
     *     matrix, a report, per-class scores); use {@link #results()} for those
     */
    double result();

    /** Every value of the metric by name; for a single-valued metric, {@code {name(): result()}}. */
    default Map<String, Double> results() {
        return Map.of(name(), result());
    }

    /** Forgets everything seen, keeping the options. */
    void reset();
}
