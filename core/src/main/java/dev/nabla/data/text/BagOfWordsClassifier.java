package dev.nabla.data.text;

import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline a text classifier should beat: multinomial logistic regression on bag-of-words
 * counts (scikit-learn's {@code CountVectorizer} then {@code LogisticRegression}). Each text's
 * counts are scaled to unit length, then the weights are fitted by Nesterov's accelerated
 * full-batch gradient descent on the mean cross-entropy plus {@code l2 / 2 · |W|²}, from zero
 * weights, so the result does not depend on a seed. A text holds few of the vocabulary's words, so the rows are kept
 * sparse: a step costs the number of words in the texts, not texts × vocabulary.
 *
 * <pre>{@code
 * BagOfWordsClassifier baseline = BagOfWordsClassifier.fit(new BagOfWords(tokenizer, vocabulary),
 *         trainTexts, trainLabels, 1000, 1e-4);
 * double accuracy = baseline.accuracy(testTexts, testLabels);
 * }</pre>
 */
public final class BagOfWordsClassifier {

    /**
     * The step: 1 over a bound of the loss's curvature, which is at most half the squared length
     * of a row with its bias input (1 + 1), plus the penalty.
     */
    private static final double CURVATURE = 1;

    /** One text: the ids it holds and their counts scaled to unit length. */
    private record Row(int[] ids, double[] values) {
    }

    private final BagOfWords features;
    private final double[][] weights;
    private final double[] bias;

    private BagOfWordsClassifier(BagOfWords features, double[][] weights, double[] bias) {
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits on {@code texts} with {@code labels} (classes 0, 1, ...).
     *
     * @param iterations the steps of gradient descent over all texts
     * @param l2         the weight penalty (scikit-learn's {@code 1 / (C · n)})
     */
    public static BagOfWordsClassifier fit(BagOfWords features, List<String> texts, int[] labels, int iterations,
                                           double l2) {
        if (texts.size() != labels.length || texts.isEmpty()) {
            throw new IllegalArgumentException("BagOfWordsClassifier: give one label per text, and at least one text;"
                    + " got " + texts.size() + " texts and " + labels.length + " labels");
        }
        if (iterations < 1 || !(l2 >= 0)) {
            throw new IllegalArgumentException("BagOfWordsClassifier: the iterations must be at least 1 and the"
                    + " penalty at least 0, got " + iterations + " and " + l2);
        }
        int classes = 2;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("BagOfWordsClassifier: a label is " + label
                        + "; labels are classes 0, 1, ...");
            }
            classes = Math.max(classes, label + 1);
        }
        Row[] rows = texts.stream().map(text -> row(features, text)).toArray(Row[]::new);
        double[][] w = new double[features.vocabulary().size()][classes];
        double[] b = new double[classes];
        double[][] previousW = new double[w.length][classes];
        double[] previousB = new double[classes];
        double step = 1 / (CURVATURE + l2);
        for (int iteration = 1; iteration <= iterations; iteration++) {
            // look ahead along the last move, then step down the gradient there
            double momentum = (iteration - 1) / (iteration + 2.0);
            double[][] aheadW = new double[w.length][classes];
            double[] aheadB = new double[classes];
            for (int j = 0; j < w.length; j++) {
                for (int c = 0; c < classes; c++) {
                    aheadW[j][c] = w[j][c] + momentum * (w[j][c] - previousW[j][c]);
                }
            }
            for (int c = 0; c < classes; c++) {
                aheadB[c] = b[c] + momentum * (b[c] - previousB[c]);
            }
            double[][] gradientW = new double[w.length][classes];
            double[] gradientB = new double[classes];
            gradient(rows, labels, aheadW, aheadB, gradientW, gradientB);
            previousW = w;
            previousB = b;
            w = aheadW;
            b = aheadB;
            for (int j = 0; j < w.length; j++) {
                for (int c = 0; c < classes; c++) {
                    w[j][c] -= step * (gradientW[j][c] + l2 * w[j][c]);
                }
            }
            for (int c = 0; c < classes; c++) {
                b[c] -= step * gradientB[c];
            }
        }
        return new BagOfWordsClassifier(features, w, b);
    }

    /** Adds the gradient of the mean cross-entropy at {@code w}, {@code b} into the two arrays. */
    private static void gradient(Row[] rows, int[] labels, double[][] w, double[] b, double[][] gradientW,
                                 double[] gradientB) {
        int n = rows.length;
        for (int i = 0; i < n; i++) {
            double[] error = probabilities(rows[i], w, b);
            error[labels[i]] -= 1;
            for (int k = 0; k < rows[i].ids().length; k++) {
                double[] g = gradientW[rows[i].ids()[k]];
                for (int c = 0; c < error.length; c++) {
                    g[c] += rows[i].values()[k] * error[c] / n;
                }
            }
            for (int c = 0; c < error.length; c++) {
                gradientB[c] += error[c] / n;
            }
        }
    }

    /** The class probabilities of each text, {@code [texts.size(), classes]}. */
    public Tensor predictProbabilities(List<String> texts) {
        int classes = bias.length;
        float[] values = new float[texts.size() * classes];
        for (int i = 0; i < texts.size(); i++) {
            double[] p = probabilities(row(features, texts.get(i)), weights, bias);
            for (int c = 0; c < classes; c++) {
                values[i * classes + c] = (float) p[c];
            }
        }
        return Tensor.of(values, texts.size(), classes);
    }

    /** The most likely class of each text. */
    public int[] predict(List<String> texts) {
        int[] predicted = new int[texts.size()];
        for (int i = 0; i < predicted.length; i++) {
            double[] p = probabilities(row(features, texts.get(i)), weights, bias);
            for (int c = 1; c < p.length; c++) {
                predicted[i] = p[c] > p[predicted[i]] ? c : predicted[i];
            }
        }
        return predicted;
    }

    /** The fraction of {@code texts} whose predicted class is their label. */
    public double accuracy(List<String> texts, int[] labels) {
        if (texts.size() != labels.length || texts.isEmpty()) {
            throw new IllegalArgumentException("BagOfWordsClassifier: give one label per text, and at least one text;"
                    + " got " + texts.size() + " texts and " + labels.length + " labels");
        }
        int[] predicted = predict(texts);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    /** The fitted weights {@code [vocabulary, classes]}. */
    public Tensor weights() {
        float[] values = new float[weights.length * bias.length];
        for (int j = 0; j < weights.length; j++) {
            for (int c = 0; c < bias.length; c++) {
                values[j * bias.length + c] = (float) weights[j][c];
            }
        }
        return Tensor.of(values, weights.length, bias.length);
    }

    /** The distinct ids of a text with their counts, scaled to unit length. */
    private static Row row(BagOfWords features, String text) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int id : features.vocabulary().encode(features.tokenizer().tokenize(text))) {
            counts.merge(id, 1, Integer::sum);
        }
        double length = Math.sqrt(counts.values().stream().mapToDouble(c -> (double) c * c).sum());
        int[] ids = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] values = counts.values().stream().mapToDouble(c -> c / length).toArray();
        return new Row(ids, values);
    }

    /** The softmax of a row's scores. */
    private static double[] probabilities(Row row, double[][] w, double[] b) {
        double[] scores = b.clone();
        for (int k = 0; k < row.ids().length; k++) {
            for (int c = 0; c < scores.length; c++) {
                scores[c] += row.values()[k] * w[row.ids()[k]][c];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }
}
