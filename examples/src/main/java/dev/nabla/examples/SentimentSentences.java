package dev.nabla.examples;

import dev.nabla.data.SplitIndices;
import dev.nabla.data.Splits;
import dev.nabla.data.text.BagOfWords;
import dev.nabla.data.text.BagOfWordsClassifier;
import dev.nabla.data.text.TextClassificationDataset;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.Table;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The UCI Sentiment Labelled Sentences ({@code examples/data/sentences.csv}, CC BY 4.0) as the
 * sentiment examples use them: a stratified 80/20 split with seed 1, a lower-case word tokenizer
 * without punctuation, a vocabulary of at most 4,000 words from the training sentences, and the
 * bag-of-words logistic regression that every model is compared with.
 *
 * @param trainTexts  the training sentences
 * @param trainLabels their labels, 1 positive and 0 negative
 * @param testTexts   the test sentences
 * @param testLabels  their labels
 * @param tokenizer   the word tokenizer
 * @param vocabulary  the training sentences' words
 */
record SentimentSentences(List<String> trainTexts, int[] trainLabels, List<String> testTexts, int[] testLabels,
                          Tokenizer tokenizer, Vocabulary vocabulary) {

    /** Reads the sentences ({@code limit} of them when above 0) and splits them. */
    static SentimentSentences load(int limit) throws IOException {
        Table table = Csv.read(ExampleData.file("sentences.csv"));
        int rows = limit > 0 ? Math.min(limit, table.rowCount()) : table.rowCount();
        List<String> texts = Arrays.asList(table.categorical("sentence").values()).subList(0, rows);
        int[] labels = Arrays.stream(table.categorical("sentiment").values()).limit(rows)
                .mapToInt(s -> s.equals("positive") ? 1 : 0).toArray();
        float[] targets = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i];
        }
        SplitIndices parts = Splits.stratifiedTrainTest(Tensor.of(targets), 0.2, new Generator(1));
        List<String> trainTexts = Arrays.stream(parts.train()).mapToObj(texts::get).toList();
        Tokenizer tokenizer = new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
        Vocabulary vocabulary = Vocabulary.build(trainTexts.stream().map(tokenizer::tokenize).toList(), 1, 4000);
        return new SentimentSentences(trainTexts, Arrays.stream(parts.train()).map(i -> labels[i]).toArray(),
                Arrays.stream(parts.test()).mapToObj(texts::get).toList(),
                Arrays.stream(parts.test()).map(i -> labels[i]).toArray(), tokenizer, vocabulary);
    }

    /** The training sentences as word ids, each batch padded to its longest sentence (at most {@code maxLength}). */
    TextClassificationDataset train(int maxLength) {
        return new TextClassificationDataset(trainTexts, trainLabels, tokenizer, vocabulary, maxLength);
    }

    /** The test sentences, the same way. */
    TextClassificationDataset test(int maxLength) {
        return new TextClassificationDataset(testTexts, testLabels, tokenizer, vocabulary, maxLength);
    }

    /**
     * Fits the bag-of-words baseline, prints the model's and the baseline's test accuracy on one
     * line, and returns both ({@code model}, {@code bag_of_words}).
     */
    Map<String, Double> report(String modelName, double accuracy) {
        double baseline = BagOfWordsClassifier.fit(new BagOfWords(tokenizer, vocabulary), trainTexts, trainLabels,
                1000, 1e-4).accuracy(testTexts, testLabels);
        System.out.printf(Locale.ROOT, "%d test sentences: %s test accuracy %.4f, bag-of-words"
                + " logistic regression %.4f%n", testTexts.size(), modelName, accuracy, baseline);
        Map<String, Double> accuracies = new LinkedHashMap<>();
        accuracies.put("model", accuracy);
        accuracies.put("bag_of_words", baseline);
        return accuracies;
    }
}
