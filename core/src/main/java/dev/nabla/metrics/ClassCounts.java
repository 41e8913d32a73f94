package dev.nabla.metrics;

/**
 * A confusion matrix, rows true classes and columns predicted ones, kept twice: as counts and
 * as sums of sample weights. It grows to the largest class seen unless its size is fixed.
 */
final class ClassCounts {

    /** Precision, recall and F1 of one class or one average. */
    record Scores(double precision, double recall, double f1) {
    }

    private final int fixedSize;
    private long[][] counts = new long[0][0];
    private double[][] weights = new double[0][0];
    private boolean weighted;

    /** A matrix of {@code fixedSize} classes, or a growing one when it is 0. */
    ClassCounts(int fixedSize) {
        this.fixedSize = fixedSize;
        grow(fixedSize);
    }

    void add(ClassPairs pairs) {
        int largest = pairs.classes() - 1;
        for (int i = 0; i < pairs.truth().length; i++) {
            largest = Math.max(largest, Math.max(pairs.truth()[i], pairs.predicted()[i]));
        }
        grow(largest + 1);
        for (int i = 0; i < pairs.truth().length; i++) {
            int t = pairs.truth()[i];
            int p = pairs.predicted()[i];
            counts[t][p]++;
            weights[t][p] += MetricSupport.weight(pairs.weights(), i);
        }
        weighted |= pairs.weights() != null;
    }

    int size() {
        return counts.length;
    }

    boolean weighted() {
        return weighted;
    }

    long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    double weight(int truth, int predicted) {
        return weights[truth][predicted];
    }

    /** Whether a class occurred among the targets or the predictions (scikit-learn's {@code unique_labels}). */
    boolean present(int c) {
        for (int k = 0; k < counts.length; k++) {
            if (counts[c][k] > 0 || counts[k][c] > 0) {
                return true;
            }
        }
        return false;
    }

    /** The weight of the class among the targets: its row sum. */
    double support(int c) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[c][k];
        }
        return sum;
    }

    /** The weight of the class among the predictions: its column sum. */
    double predicted(int c) {
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k][c];
        }
        return sum;
    }

    /** The weight on the diagonal over the total: the accuracy. */
    double accuracy() {
        double right = 0;
        double total = 0;
        for (int c = 0; c < weights.length; c++) {
            right += weights[c][c];
            total += support(c);
        }
        return divide(right, total);
    }

    Scores scores(int c) {
        return scores(weights[c][c], predicted(c), support(c));
    }

    Scores average(Average average) {
        return switch (average) {
            case BINARY -> scores(1);
            case MICRO -> micro();
            case MACRO, WEIGHTED -> mean(average == Average.WEIGHTED);
            case NONE -> throw new IllegalArgumentException("Average.NONE has one score per class");
        };
    }

    void reset() {
        counts = new long[0][0];
        weights = new double[0][0];
        weighted = false;
        grow(fixedSize);
    }

    private Scores micro() {
        double truePositives = 0;
        double predicted = 0;
        double support = 0;
        for (int c = 0; c < size(); c++) {
            truePositives += weights[c][c];
            predicted += predicted(c);
            support += support(c);
        }
        return scores(truePositives, predicted, support);
    }

    private Scores mean(boolean bySupport) {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        double total = 0;
        for (int c = 0; c < size(); c++) {
            if (present(c)) {
                double w = bySupport ? support(c) : 1;
                Scores s = scores(c);
                precision += w * s.precision();
                recall += w * s.recall();
                f1 += w * s.f1();
                total += w;
            }
        }
        return new Scores(divide(precision, total), divide(recall, total), divide(f1, total));
    }

    /** scikit-learn's formulas, a 0 denominator giving 0: F1 = 2PR / (P + R). */
    private static Scores scores(double truePositives, double predicted, double support) {
        double precision = divide(truePositives, predicted);
        double recall = divide(truePositives, support);
        return new Scores(precision, recall, divide(2 * precision * recall, precision + recall));
    }

    private static double divide(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private void grow(int size) {
        if (size <= counts.length) {
            return;
        }
        if (fixedSize > 0 && size > fixedSize) {
            throw new IllegalStateException("class " + (size - 1) + " is out of range for " + fixedSize + " classes");
        }
        long[][] c = new long[size][size];
        double[][] w = new double[size][size];
        for (int i = 0; i < counts.length; i++) {
            System.arraycopy(counts[i], 0, c[i], 0, counts.length);
            System.arraycopy(weights[i], 0, w[i], 0, counts.length);
        }
        counts = c;
        weights = w;
    }
}
