package dev.nabla.examples;

import dev.nabla.data.Splits;
import dev.nabla.data.SplitIndices;
import dev.nabla.data.text.BagOfWords;
import dev.nabla.data.text.BagOfWordsClassifier;
import dev.nabla.data.text.TextClassificationDataset;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Gru;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.optim.Adam;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metrics;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.Table;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentiment of review sentences (UCI Sentiment Labelled Sentences, {@code examples/data/sentences.csv},
 * CC BY 4.0): a bidirectional GRU over the sentences' word vectors (Embedding with
 * {@code maskZero}, so the padding is skipped, then Bidirectional GRU, Dropout and Dense) against a
 * bag-of-words logistic regression, both fitted on the same 80 percent of the sentences and
 * tested on the rest. Batches are padded to their longest sentence only
 * ({@link TextClassificationDataset}).
 *
 * <pre>
 * java ... dev.nabla.examples.SentimentClassifier [--epochs 10] [--limit SENTENCES]
 * </pre>
 */
public final class SentimentClassifier {

    static final int UNITS = 32;

    private SentimentClassifier() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10));
    }

    /** Trains and tests; returns the test accuracy of the model and of the bag-of-words baseline. */
    static Map<String, Double> run(ExampleOptions options) throws IOException {
        Table table = Csv.read(ExampleData.file("sentences.csv"));
        int rows = options.limit() > 0 ? Math.min(options.limit(), table.rowCount()) : table.rowCount();
        List<String> texts = Arrays.asList(table.categorical("sentence").values()).subList(0, rows);
        int[] labels = Arrays.stream(table.categorical("sentiment").values()).limit(rows)
                .mapToInt(s -> s.equals("positive") ? 1 : 0).toArray();
        SplitIndices parts = Splits.stratifiedTrainTest(Tensor.of(toFloats(labels)), 0.2, new Generator(1));
        List<String> trainTexts = select(texts, parts.train());
        List<String> testTexts = select(texts, parts.test());
        int[] trainLabels = select(labels, parts.train());
        int[] testLabels = select(labels, parts.test());

        Tokenizer tokenizer = new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
        Vocabulary vocabulary = Vocabulary.build(trainTexts.stream().map(tokenizer::tokenize).toList(), 1, 4000);
        var train = new TextClassificationDataset(trainTexts, trainLabels, tokenizer, vocabulary, 64);
        var test = new TextClassificationDataset(testTexts, testLabels, tokenizer, vocabulary, 64);

        Layer.manualSeed(1);
        Model model = new Model(new Sequential(
                // [batch, time] ids -> [batch, time, 32], with a mask that skips the padding (id 0)
                new Embedding(vocabulary.size(), 32).maskZero(true),
                new Bidirectional(new Gru(UNITS)),        // -> [batch, 2 * UNITS]: each direction's last state
                new Dropout(0.5f), new Dense(2), new Softmax()));
        model.compile(parameters -> new Adam(parameters, 0.01f), Losses.byName("sparse_categorical_crossentropy"),
                Metrics.byName("accuracy"));
        model.fit(train, FitOptions.defaults().epochs(options.epochs()).batchSize(32).shuffle(true, 1)
                .verbose(false));
        double accuracy = model.evaluate(test, 256).get("accuracy");
        double baseline = BagOfWordsClassifier.fit(new BagOfWords(tokenizer, vocabulary), trainTexts, trainLabels,
                1000, 1e-4).accuracy(testTexts, testLabels);
        System.out.printf(Locale.ROOT, "%d test sentences: bidirectional GRU test accuracy %.4f, bag-of-words"
                + " logistic regression %.4f%n", testTexts.size(), accuracy, baseline);
        Map<String, Double> accuracies = new LinkedHashMap<>();
        accuracies.put("model", accuracy);
        accuracies.put("bag_of_words", baseline);
        return accuracies;
    }

    private static List<String> select(List<String> values, int[] indices) {
        return Arrays.stream(indices).mapToObj(values::get).toList();
    }

    private static int[] select(int[] values, int[] indices) {
        return Arrays.stream(indices).map(i -> values[i]).toArray();
    }

    private static float[] toFloats(int[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }
}
