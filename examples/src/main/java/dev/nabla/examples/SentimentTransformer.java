package dev.nabla.examples;

import dev.nabla.data.SplitIndices;
import dev.nabla.data.Splits;
import dev.nabla.data.text.BagOfWords;
import dev.nabla.data.text.BagOfWordsClassifier;
import dev.nabla.data.text.TextClassificationDataset;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metrics;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.TokenAndPositionEmbedding;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.optim.Adam;
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
 * Sentiment of review sentences ({@code examples/data/sentences.csv}, as {@link SentimentClassifier})
 * with a Transformer encoder: token and position embeddings (id 0 is padding, so the embedding
 * attaches a mask), two pre-norm encoder layers whose self-attention ignores the padded keys,
 * the mean over each sentence's real tokens ({@link GlobalAvgPool} over the steps), dropout and a softmax
 * over the two classes; against the bag-of-words logistic regression on the same split.
 *
 * <pre>
 * java ... dev.nabla.examples.SentimentTransformer [--epochs 10] [--limit SENTENCES]
 * </pre>
 */
public final class SentimentTransformer {

    static final int WIDTH = 32;
    static final int MAX_LENGTH = 64;

    private SentimentTransformer() {
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
        SplitIndices parts = Splits.stratifiedTrainTest(Tensor.of(floats(labels)), 0.2, new Generator(1));
        List<String> trainTexts = Arrays.stream(parts.train()).mapToObj(texts::get).toList();
        List<String> testTexts = Arrays.stream(parts.test()).mapToObj(texts::get).toList();
        int[] trainLabels = Arrays.stream(parts.train()).map(i -> labels[i]).toArray();
        int[] testLabels = Arrays.stream(parts.test()).map(i -> labels[i]).toArray();

        Tokenizer tokenizer = new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
        Vocabulary vocabulary = Vocabulary.build(trainTexts.stream().map(tokenizer::tokenize).toList(), 1, 4000);
        var train = new TextClassificationDataset(trainTexts, trainLabels, tokenizer, vocabulary, MAX_LENGTH);
        var test = new TextClassificationDataset(testTexts, testLabels, tokenizer, vocabulary, MAX_LENGTH);

        Layer.manualSeed(1);
        var encoder = TransformerOptions.of(WIDTH, 4).dimFeedforward(64).dropout(0.1f).normFirst(true);
        Model model = new Model(new Sequential(
                // [batch, time] ids -> [batch, time, 32]; id 0 is padding, which the mask carries on
                new TokenAndPositionEmbedding(vocabulary.size(), MAX_LENGTH, WIDTH).maskZero(true),
                new TransformerEncoder(encoder, 2, true),   // padded keys masked in self-attention
                new GlobalAvgPool(DataFormat.CHANNELS_LAST), // -> [batch, 32]: the mean of the real tokens
                new Dropout(0.3f), new Dense(2), new Softmax()));
        model.compile(parameters -> new Adam(parameters, 1e-3f), Losses.byName("sparse_categorical_crossentropy"),
                Metrics.byName("accuracy"));
        model.fit(train, FitOptions.defaults().epochs(options.epochs()).batchSize(32).shuffle(true, 1)
                .verbose(false));
        double accuracy = model.evaluate(test, 256).get("accuracy");
        double baseline = BagOfWordsClassifier.fit(new BagOfWords(tokenizer, vocabulary), trainTexts, trainLabels,
                1000, 1e-4).accuracy(testTexts, testLabels);
        System.out.printf(Locale.ROOT, "%d test sentences: Transformer encoder test accuracy %.4f, bag-of-words"
                + " logistic regression %.4f%n", testTexts.size(), accuracy, baseline);
        Map<String, Double> accuracies = new LinkedHashMap<>();
        accuracies.put("model", accuracy);
        accuracies.put("bag_of_words", baseline);
        return accuracies;
    }

    private static float[] floats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
