package dev.nabla.examples;

import dev.nabla.data.text.TextClassificationDataset;
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
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
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
        SentimentSentences sentences = SentimentSentences.load(options.limit());
        var train = sentences.train(64);
        var test = sentences.test(64);

        Layer.manualSeed(1);
        Model model = new Model(new Sequential(
                // [batch, time] ids -> [batch, time, 32], with a mask that skips the padding (id 0)
                new Embedding(sentences.vocabulary().size(), 32).maskZero(true),
                new Bidirectional(new Gru(UNITS)),        // -> [batch, 2 * UNITS]: each direction's last state
                new Dropout(0.5f), new Dense(2), new Softmax()));
        model.compile(parameters -> new Adam(parameters, 0.01f), Losses.byName("sparse_categorical_crossentropy"),
                Metrics.byName("accuracy"));
        model.fit(train, FitOptions.defaults().epochs(options.epochs()).batchSize(32).shuffle(true, 1)
                .verbose(false));
        double accuracy = model.evaluate(test, 256).get("accuracy");
        return sentences.report("bidirectional GRU", accuracy);
    }
}
