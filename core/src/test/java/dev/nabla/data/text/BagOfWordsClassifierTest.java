package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsClassifierTest {

    private static final List<String> TEXTS = List.of("great food", "great staff", "lovely place great",
            "awful food", "awful staff", "cold place awful", "great lovely", "awful cold");
    private static final int[] LABELS = {1, 1, 1, 0, 0, 0, 1, 0};
    private static final Tokenizer TOKENIZER = Tokenizer.words();
    private static final BagOfWords BAG = new BagOfWords(TOKENIZER,
            Vocabulary.build(TEXTS.stream().map(TOKENIZER::tokenize).toList(), 1, 0));

    @Test
    void itSeparatesWordsOfOppositeSentimentAndReadsNewTexts() {
        BagOfWordsClassifier classifier = BagOfWordsClassifier.fit(BAG, TEXTS, LABELS, 200, 1e-3);

        assertEquals(1.0, classifier.accuracy(TEXTS, LABELS));
        assertArrayEquals(new int[] {1, 0}, classifier.predict(List.of("lovely staff", "cold food")));
        Tensor probabilities = classifier.predictProbabilities(List.of("great"));
        assertEquals(1f, probabilities.sum().item(), 1e-6f);
        assertTrue(probabilities.toFloatArray()[1] > 0.7f, probabilities.toString());
    }

    @Test
    void theFittedWeightsZeroTheGradientOfThePenalisedLoss() {
        double l2 = 0.05;
        BagOfWordsClassifier classifier = BagOfWordsClassifier.fit(BAG, TEXTS, LABELS, 3000, l2);

        // at the optimum, X^T (P - Y) / n + l2 W = 0
        Tensor counts = BAG.counts(TEXTS);
        Tensor x = counts.div(counts.mul(counts).sum(1, true).sqrt());
        Tensor probabilities = classifier.predictProbabilities(TEXTS);
        Tensor targets = Tensor.of(1f - LABELS[0], LABELS[0]).reshape(1, 2);
        for (int i = 1; i < LABELS.length; i++) {
            targets = Tensor.concat(0, targets, Tensor.of(1f - LABELS[i], LABELS[i]).reshape(1, 2));
        }
        Tensor gradient = x.transpose(0, 1).matmul(probabilities.sub(targets)).div(LABELS.length)
                .add(classifier.weights().mul((float) l2));
        assertEquals(0f, gradient.abs().max().item(), 1e-4f);
    }

    @Test
    void mismatchedLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BagOfWordsClassifier.fit(BAG, TEXTS, new int[] {1}, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> BagOfWordsClassifier.fit(BAG, List.of("a"), new int[] {-1},
                10, 0));
    }
}
