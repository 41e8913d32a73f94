package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The area under the ROC curve, computed exactly as scikit-learn's {@code roc_auc_score}
 * (ties included), not approximated on a grid of thresholds as Keras's {@code AUC}
 * ({@code "auc"}) does. To be exact it keeps every score and label seen: memory O(N·C) floats
 * for N samples and C columns, and {@link #result()} sorts them, O(N log N) per column.
 *
 * <ul>
 *   <li>Binary: scores (probabilities, logits, any monotone score) of the same shape as 0/1
 *       targets, {@code [N]} or {@code [N, 1]}.</li>
 *   <li>Multi-class: scores {@code [N, C]} with integer labels {@code [N]}: one-vs-rest, macro
 *       average, scikit-learn's {@code multi_class="ovr", average="macro"}. scikit-learn also
 *       demands rows that sum to 1; this metric does not, as one-vs-rest does not need it.</li>
 *   <li>Indicator targets {@code [N, C]} of 0/1 (one-hot, or several 1s for multi-label): the
 *       macro average of each column's AUC, scikit-learn's default for such targets, and the
 *       same as one-vs-rest for one-hot rows.</li>
 * </ul>
 *
 * <p>Several columns combine as the {@link Average} says, scikit-learn's {@code average=}:
 * {@code MACRO} (the default) the mean of the columns' AUCs, {@code WEIGHTED} their mean weighted
 * by each column's positives, {@code MICRO} the AUC of all columns' scores and indicators pooled
 * into one list. {@code BINARY} takes one column only; {@code NONE} is {@link #perClass()}.
 *
 * <p>The AUC is undefined when a column has no positive or no negative (scikit-learn raises an
 * error): its value, and the macro average, are then NaN, as is the result before any update.
 * Sample weights are one per sample, shape {@code [N]}.
 */
public final class AucRoc implements Metric {

    private static final String NAME = "AucRoc";

    private final Average average;

    private int columns;
    private int rows;
    private float[] scores = new float[0];
    private boolean[] positive = new boolean[0];
    private double[] weights;

    /** The macro average over columns, scikit-learn's default. */
    public AucRoc() {
        this(Average.MACRO);
    }

    /**
     * Columns combined as {@code average} says.
     *
     * @throws IllegalArgumentException for {@link Average#NONE}, whose per-column values {@link #perClass()} gives
     */
    public AucRoc(Average average) {
        if (average == null || average == Average.NONE) {
            throw new IllegalArgumentException(NAME + ": average must be BINARY, MACRO, WEIGHTED or MICRO, got " + average
                    + "; perClass() gives each column's AUC");
        }
        this.average = average;
    }

    /** How columns combine. */
    public Average average() {
        return average;
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        boolean indicator = MetricSupport.sameShape(predictions, targets);
        int width = indicator ? (predictions.rank() <= 1 ? 1 : predictions.dim(-1))
                : MetricSupport.classCount(NAME, predictions);
        if (average == Average.BINARY && width != 1) {
            throw new IllegalArgumentException(NAME + ": the BINARY average takes one column of scores, got predictions "
                    + predictions.shape() + "; use MACRO, WEIGHTED or MICRO for several classes");
        }
        if (columns != 0 && width != columns) {
            throw new IllegalArgumentException(NAME + ": predictions " + predictions.shape() + " have " + width
                    + " columns, earlier batches had " + columns);
        }
        boolean[] truth = indicator ? indicators(targets) : oneVsRest(predictions, targets, width);
        float[] s = MetricSupport.values(NAME, "predictions", predictions);
        int[] samples = indicator && width == 1 ? new int[] {s.length} : MetricSupport.withoutClassAxis(predictions);
        double[] w = MetricSupport.weights(NAME, sampleWeights, samples);
        append(s, truth, w, width);
    }

    /** The AUC (one column) or the average of the per-column AUCs; NaN when undefined. */
    @Override
    public double result() {
        if (columns == 0) {
            return Double.NaN;
        }
        return switch (average) {
            case WEIGHTED -> weightedByPositives(perClass());
            case MICRO -> pooled();
            default -> Arrays.stream(perClass()).average().orElse(Double.NaN);
        };
    }

    private double weightedByPositives(double[] areas) {
        double sum = 0;
        double total = 0;
        for (int c = 0; c < columns; c++) {
            double support = 0;
            for (int r = 0; r < rows; r++) {
                support += positive[r * columns + c] ? (weights == null ? 1 : weights[r]) : 0;
            }
            sum += support == 0 ? 0 : support * areas[c];
            total += support;
        }
        return sum / total;
    }

    /** Every (row, column) as one binary example, with its row's weight. */
    private double pooled() {
        double[] pooledWeights = null;
        if (weights != null) {
            pooledWeights = new double[rows * columns];
            for (int i = 0; i < pooledWeights.length; i++) {
                pooledWeights[i] = weights[i / columns];
            }
        }
        return RocAuc.area(scores, positive, pooledWeights, rows * columns);
    }

    /** The AUC of each column (one for binary input), class c against the rest. */
    public double[] perClass() {
        double[] out = new double[columns];
        float[] column = new float[rows];
        boolean[] isPositive = new boolean[rows];
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                column[r] = scores[r * columns + c];
                isPositive[r] = positive[r * columns + c];
            }
            out[c] = RocAuc.area(column, isPositive, weights, rows);
        }
        return out;
    }

    @Override
    public void reset() {
        columns = 0;
        rows = 0;
        scores = new float[0];
        positive = new boolean[0];
        weights = null;
    }

    private static boolean[] indicators(Tensor targets) {
        float[] t = MetricSupport.values(NAME, "targets", targets);
        MetricSupport.requireBinary(NAME, t);
        boolean[] out = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i] == 1f;
        }
        return out;
    }

    private static boolean[] oneVsRest(Tensor predictions, Tensor labels, int classes) {
        int[] label = MetricSupport.labels(NAME, labels, MetricSupport.withoutClassAxis(predictions), classes);
        boolean[] out = new boolean[label.length * classes];
        for (int r = 0; r < label.length; r++) {
            out[r * classes + label[r]] = true;
        }
        return out;
    }

    private void append(float[] s, boolean[] truth, double[] w, int width) {
        int added = s.length / width;
        int needed = (rows + added) * width;
        if (needed > scores.length) {
            int capacity = Math.max(needed, 2 * scores.length);
            scores = Arrays.copyOf(scores, capacity);
            positive = Arrays.copyOf(positive, capacity);
        }
        System.arraycopy(s, 0, scores, rows * width, s.length);
        System.arraycopy(truth, 0, positive, rows * width, truth.length);
        if (w != null && weights == null) {
            weights = new double[rows + added];
            Arrays.fill(weights, 0, rows, 1);
        }
        if (weights != null) {
            if (rows + added > weights.length) {
                weights = Arrays.copyOf(weights, Math.max(rows + added, 2 * weights.length));
            }
            for (int r = 0; r < added; r++) {
                weights[rows + r] = MetricSupport.weight(w, r);
            }
        }
        columns = width;
        rows += added;
    }
}
