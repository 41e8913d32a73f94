package dev.nabla.metrics;

/**
 * the harmonic mean of precision and recall, {@code 2PR / (P + R)}: Keras's {@code F1Score} ({@code "f1_score"}) and scikit-learn's {@code f1_score}; the macro average is the mean of the per-class F1 scores, not the F1 of the mean precision and recall.
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
public final class F1Score extends ClassificationScore {

    private static final String NAME = "F1Score";

    /** {@link Average#BINARY} with threshold 0.5. */
    public F1Score() {
        this(Average.BINARY, 0.5f);
    }

    /** With the given average (and threshold 0.5 for {@link Average#BINARY}). */
    public F1Score(Average average) {
        this(average, 0.5f);
    }

    private F1Score(Average average, float threshold) {
        super(NAME, average, threshold);
    }

    /** A new metric that combines classes as the given average says. */
    public F1Score average(Average value) {
        return new F1Score(value, threshold());
    }

    /** A new metric whose {@link Average#BINARY} predictions count as 1 strictly above the value. */
    public F1Score threshold(float value) {
        return new F1Score(average(), value);
    }

    @Override
    public String name() {
        return "f1_score";
    }

    @Override
    double pick(ClassCounts.Scores scores) {
        return scores.f1();
    }
}
