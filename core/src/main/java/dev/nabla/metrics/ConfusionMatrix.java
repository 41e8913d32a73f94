package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each true class was predicted as each class: entry {@code [i][j]} counts samples
 * of true class i predicted as j (rows are true labels, as in scikit-learn's
 * {@code confusion_matrix}).
 *
 * <p>Inputs as in {@link Precision} with a multi-class {@link Average}: scores {@code [N, C]}
 * (the predicted class is the arg-max) with labels {@code [N]} or one-hot targets
 * {@code [N, C]}, or predicted class indices of the same shape as the labels. With a number of
 * classes the matrix has that size and larger labels are an error; without, it grows to the
 * largest class seen (or the predictions' class axis).
 *
 * <p>{@link #matrix()} counts samples; {@link #weightedMatrix()} sums their weights
 * (scikit-learn's {@code sample_weight=}), which equals the counts when no weights are given.
 * There is no single result: {@link #result()} throws and {@link #results()} has every entry.
 */
public final class ConfusionMatrix implements Metric {

    private static final String NAME = "ConfusionMatrix";

    private final int numClasses;
    private final ClassCounts counts;

    /** A matrix that grows to the classes seen. */
    public ConfusionMatrix() {
        this.numClasses = 0;
        this.counts = new ClassCounts(0);
    }

    /** A {@code numClasses × numClasses} matrix; labels must be in [0, numClasses). */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException(NAME + ": numClasses must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new ClassCounts(numClasses);
    }

    /** The number of rows and columns now: fixed, or the classes seen so far. */
    public int numClasses() {
        return counts.size();
    }

    @Override
    public String name() {
        return "confusion_matrix";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        counts.add(ClassPairs.multiClass(NAME, predictions, targets, sampleWeights, numClasses));
    }

    /** Sample counts, {@code [true class][predicted class]}; a fresh copy. */
    public long[][] matrix() {
        long[][] out = new long[counts.size()][counts.size()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[i][j] = counts.count(i, j);
            }
        }
        return out;
    }

    /** Sums of sample weights, {@code [true class][predicted class]}; a fresh copy. */
    public double[][] weightedMatrix() {
        double[][] out = new double[counts.size()][counts.size()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out.length; j++) {
                out[i][j] = counts.weight(i, j);
            }
        }
        return out;
    }

    /** @throws UnsupportedOperationException always: a matrix has no single value */
    @Override
    public double result() {
        throw new UnsupportedOperationException(NAME + " has no single value; use matrix(), weightedMatrix()"
                + " or results()");
    }

    /** Every entry of {@link #weightedMatrix()}, keyed {@code confusion_matrix[i][j]}, row by row. */
    @Override
    public Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < counts.size(); i++) {
            for (int j = 0; j < counts.size(); j++) {
                out.put(name() + "[" + i + "][" + j + "]", counts.weight(i, j));
            }
        }
        return out;
    }

    @Override
    public void reset() {
        counts.reset();
    }
}
