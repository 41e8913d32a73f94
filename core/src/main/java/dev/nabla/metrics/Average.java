package dev.nabla.metrics;

/**
 * How precision, recall and F1 combine the classes: scikit-learn's {@code average=} argument.
 * Classes that appear in neither the targets nor the predictions seen so far are left out of
 * MACRO, MICRO and WEIGHTED, as scikit-learn does when it is not given {@code labels}. A ratio
 * whose denominator is 0 (a class never predicted has no precision) counts as 0: scikit-learn's
 * default {@code zero_division="warn"} value, without the warning.
 */
public enum Average {
    /**
     * Yes/no targets (0 or 1) and predicted probabilities of the same shape, predicted 1
     * strictly above the metric's threshold; the score of class 1 alone.
     */
    BINARY,
    /** The unweighted mean of the per-class scores. */
    MACRO,
    /** The score of the pooled counts: Σ true positives over Σ predicted (precision) or Σ true (recall). */
    MICRO,
    /** The mean of the per-class scores weighted by each class's support (its weight among the targets). */
    WEIGHTED,
    /** No average: one score per class, from {@code perClass()} or {@code results()}. */
    NONE
}
