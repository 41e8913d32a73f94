package dev.nabla.metrics;

import dev.nabla.tensor.Tensor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision, recall, F1 and support of every class, with the accuracy and the macro and
 * weighted averages: scikit-learn's {@code classification_report}, whose text table
 * {@link #toString()} reproduces character for character:
 *
 * <pre>
 *               precision    recall  f1-score   support
 *
 *            0       0.79      0.84      0.81        55
 *            1       0.80      0.75      0.77        48
 *
 *     accuracy                           0.80       103
 *    macro avg       0.80      0.79      0.79       103
 * weighted avg       0.80      0.80      0.80       103
 * </pre>
 *
 * <p>Inputs as in {@link ConfusionMatrix}. A row per class seen among the targets or the
 * predictions; 0/0 scores are 0 ({@code zero_division=0}). Numbers are rounded half-even on
 * their exact binary value, as Python's {@code format} does. With sample weights the support
 * is a sum of weights, printed as Python prints a float. {@link #result()} throws: read the
 * parts with {@link #rows()}, {@link #accuracy()}, {@link #macroAverage()},
 * {@link #weightedAverage()} or {@link #results()}.
 */
public final class ClassificationReport implements Metric {

    private static final String NAME = "ClassificationReport";
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

    /** One line of the report: a class (named by its index or target name) or an average. */
    public record Row(String label, double precision, double recall, double f1Score, double support) {
    }

    private final int digits;
    private final List<String> targetNames;
    private final ClassCounts counts = new ClassCounts(0);

    /** Two digits, classes named by their index. */
    public ClassificationReport() {
        this(2, List.of());
    }

    private ClassificationReport(int digits, List<String> targetNames) {
        if (digits < 0 || digits > 17) {
            throw new IllegalArgumentException(NAME + ": digits must be in [0, 17], got " + digits);
        }
        this.digits = digits;
        this.targetNames = List.copyOf(targetNames);
    }

    /** A new report that prints the given number of decimals (scikit-learn's {@code digits}). */
    public ClassificationReport digits(int value) {
        return new ClassificationReport(value, targetNames);
    }

    /** A new report that names class i {@code names.get(i)} (scikit-learn's {@code target_names}). */
    public ClassificationReport targetNames(List<String> names) {
        return new ClassificationReport(digits, names);
    }

    @Override
    public String name() {
        return "classification_report";
    }

    @Override
    public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        counts.add(ClassPairs.multiClass(NAME, predictions, targets, sampleWeights, 0));
    }

    /** One row per class seen, in class order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < counts.size(); c++) {
            if (counts.present(c)) {
                ClassCounts.Scores s = counts.scores(c);
                rows.add(new Row(label(c), s.precision(), s.recall(), s.f1(), counts.support(c)));
            }
        }
        return rows;
    }

    /** The fraction (or weight) of samples predicted right. */
    public double accuracy() {
        return counts.accuracy();
    }

    /** The unweighted mean over the classes seen; support is the total. */
    public Row macroAverage() {
        return average("macro avg", Average.MACRO);
    }

    /** The mean over the classes seen, weighted by support; support is the total. */
    public Row weightedAverage() {
        return average("weighted avg", Average.WEIGHTED);
    }

    /** @throws UnsupportedOperationException always: a report has several values */
    @Override
    public double result() {
        throw new UnsupportedOperationException(NAME + " has several values; use rows(), accuracy() or results()");
    }

    /** scikit-learn's {@code output_dict} flattened: {@code "0/precision"}, ..., {@code "accuracy"}, {@code "macro avg/recall"}, .... */
    @Override
    public Map<String, Double> results() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row row : rows()) {
            put(out, row);
        }
        out.put("accuracy", accuracy());
        put(out, macroAverage());
        put(out, weightedAverage());
        return out;
    }

    @Override
    public void reset() {
        counts.reset();
    }

    /** The report as scikit-learn prints it. */
    @Override
    public String toString() {
        List<Row> rows = rows();
        int width = "weighted avg".length();
        for (Row row : rows) {
            width = Math.max(width, row.label().length());
        }
        width = Math.max(width, digits);
        StringBuilder out = new StringBuilder(" ".repeat(width + 1));
        for (String header : HEADERS) {
            out.append(String.format(" %9s", header));
        }
        out.append("\n\n");
        for (Row row : rows) {
            appendRow(out, row, width);
        }
        out.append('\n');
        Row micro = average("accuracy", Average.MICRO);
        out.append(String.format("%" + width + "s  %9s %9s %9s %9s\n", "accuracy", "", "", decimal(micro.f1Score()),
                support(micro.support())));
        appendRow(out, macroAverage(), width);
        appendRow(out, weightedAverage(), width);
        return out.toString();
    }

    private Row average(String label, Average average) {
        ClassCounts.Scores s = counts.average(average);
        double total = 0;
        for (int c = 0; c < counts.size(); c++) {
            total += counts.support(c);
        }
        return new Row(label, s.precision(), s.recall(), s.f1(), total);
    }

    private String label(int c) {
        if (targetNames.isEmpty()) {
            return Integer.toString(c);
        }
        if (c >= targetNames.size()) {
            throw new IllegalStateException(NAME + ": class " + c + " has no name; targetNames has "
                    + targetNames.size() + ": " + targetNames);
        }
        return targetNames.get(c);
    }

    private void appendRow(StringBuilder out, Row row, int width) {
        out.append(String.format("%" + width + "s  %9s %9s %9s %9s\n", row.label(), decimal(row.precision()),
                decimal(row.recall()), decimal(row.f1Score()), support(row.support())));
    }

    private static void put(Map<String, Double> out, Row row) {
        out.put(row.label() + "/precision", row.precision());
        out.put(row.label() + "/recall", row.recall());
        out.put(row.label() + "/f1-score", row.f1Score());
        out.put(row.label() + "/support", row.support());
    }

    /** Python's {@code format(x, '.Nf')}: the exact binary value rounded half-even. */
    private String decimal(double value) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A count as an integer; a sum of weights as Python's {@code str(float)} (below 1e16). */
    private String support(double value) {
        if (!counts.weighted()) {
            return Long.toString((long) value);
        }
        String text = new BigDecimal(Double.toString(value)).toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
