package dev.nabla.data.text;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * The baseline a text classifier should beat: multinomial logistic regression on bag-of-words
 * counts (scikit-learn's {@code CountVectorizer} then {@code LogisticRegression}). Each text's
 * counts are scaled to unit length, then the weights are fitted by full-batch gradient descent
 * on the mean cross-entropy plus {@code l2 / 2 · |W|²}, from zero weights, so the result does
 * not depend on a seed.
 *
 * <pre>{@code
 * BagOfWordsClassifier baseline = BagOfWordsClassifier.fit(new BagOfWords(tokenizer, vocabulary),
 *         trainTexts, trainLabels, 300, 1e-4);
 * double accuracy = baseline.accuracy(testTexts, testLabels);
 * }</pre>
 */
public final class BagOfWordsClassifier {

    /** The step of gradient descent; rows of unit length keep the loss's curvature below 1. */
    private static final float LEARNING_RATE = 2f;

    private final BagOfWords features;
    private final Tensor weights;
    private final Tensor bias;

    private BagOfWordsClassifier(BagOfWords features, Tensor weights, Tensor bias) {
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits on {@code texts} with {@code labels} (classes 0, 1, ...; two or more distinct).
     *
     * @param iterations the steps of gradient descent over all texts
     * @param l2         the weight penalty (scikit-learn's {@code 1 / (C · n)})
     */
    public static BagOfWordsClassifier fit(BagOfWords features, List<String> texts, int[] labels, int iterations,
                                           double l2) {
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException("BagOfWordsClassifier: " + texts.size() + " texts but " + labels.length
                    + " labels; give one label per text");
        }
        if (iterations < 1 || !(l2 >= 0)) {
            throw new IllegalArgumentException("BagOfWordsClassifier: the iterations must be at least 1 and the"
                    + " penalty at least 0, got " + iterations + " and " + l2);
        }
        int classes = 0;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("BagOfWordsClassifier: a label is " + label
                        + "; labels are classes 0, 1, ...");
            }
            classes = Math.max(classes, label + 1);
        }
        classes = Math.max(classes, 2);
        Tensor x = normalized(features.counts(texts));
        Tensor targets = labelTensor(labels).oneHot(classes).to(DType.FLOAT32);
        Tensor xTransposed = x.transpose(0, 1).contiguous();
        Tensor w = Tensor.zeros(x.dim(1), classes);
        Tensor b = Tensor.zeros(classes);
        float n = texts.size();
        for (int step = 0; step < iterations; step++) {
            Tensor error = x.matmul(w).add(b).softmax(1).sub(targets);
            Tensor gradientW = xTransposed.matmul(error).div(n).add(w.mul((float) l2));
            Tensor gradientB = error.mean(0);
            w = w.sub(gradientW.mul(LEARNING_RATE));
            b = b.sub(gradientB.mul(LEARNING_RATE));
        }
        return new BagOfWordsClassifier(features, w, b);
    }

    /** The class probabilities of each text, {@code [texts.size(), classes]}. */
    public Tensor predictProbabilities(List<String> texts) {
        return normalized(features.counts(texts)).matmul(weights).add(bias).softmax(1);
    }

    /** The most likely class of each text. */
    public int[] predict(List<String> texts) {
        float[] classes = predictProbabilities(texts).argmax(1, false).toFloatArray();
        int[] predicted = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            predicted[i] = (int) classes[i];
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
        return weights;
    }

    /** Each row scaled to unit length (an empty text stays zeros). */
    private static Tensor normalized(Tensor counts) {
        Tensor length = counts.mul(counts).sum(1, true).sqrt();
        return counts.div(length.maximum(Tensor.scalar(1e-12f)));
    }

    private static Tensor labelTensor(int[] labels) {
        float[] values = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i];
        }
        return Tensor.of(values).to(DType.INT32);
    }
}
