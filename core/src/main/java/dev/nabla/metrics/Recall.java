package dev.nabla.metrics;

/**
 * the fraction of actual positives that are found, {@code TP / (TP + FN)}: Keras's {@code Recall} ({@code "recall"}) and scikit-learn's {@code recall_score}.
 *
 * <p>The {@link Average} (scikit-learn's {@code average=}) says what is read and how classes
 * combine; the default is {@link Average#BINARY}, as in scikit-learn and Keras:
 *
 * <ul>
 *   <li>BINARY: predictions are probabilities (or scores) of the same shape as 0/1 targets,
 *       predicted 1 when strictly above the threshold (0.5 unless set; 0 for logits); the
 *       result is the score of class 1.</li>
 *   <li>MACRO, MICRO, WEIGHTED and NONE: predictions are scores {@code [N, C]} (the predicted
 *       class is the arg-max) with integer labels {@code [N]} or one-hot targets
 *       {@code [N, C]}, or they are predicted class indices of the same shape as the labels.
 *       For binary probabilities, pass {@code predictions.gt(0.5f)} as class indices.</li>
 * </ul>
 *
 * <p>A 0/0 score is 0, scikit-learn's default; classes seen in neither targets nor predictions
 * are left out of averages, as in scikit-learn. Sample weights are one per sample.
 */
public final class Recall extends ClassificationScore {

    private static final String NAME = "Recall";

    /** {@link Average#BINARY} with threshold 0.5. */
    public Recall() {
        this(Average.BINARY, 0.5f);
    }

    /** With the given average (and threshold 0.5 for {@link Average#BINARY}). */
    public Recall(Average average) {
        this(average, 0.5f);
    }

    private Recall(Average average, float threshold) {
        super(NAME, average, threshold);
    }

    /** A new metric that combines classes as the given average says. */
    public Recall average(Average value) {
        return new Recall(value, threshold());
    }

    /** A new metric whose {@link Average#BINARY} predictions count as 1 strictly above the value. */
    public Recall threshold(float value) {
        return new Recall(average(), value);
    }

    @Override
    public String name() {
        return "recall";
    }

    @Override
    double pick(ClassCounts.Scores scores) {
        return scores.recall();
    }
}
