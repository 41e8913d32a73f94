package dev.nabla.examples;

import dev.nabla.data.text.TextClassificationDataset;
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
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
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
        SentimentSentences sentences = SentimentSentences.load(options.limit());
        var train = sentences.train(MAX_LENGTH);
        var test = sentences.test(MAX_LENGTH);

        Layer.manualSeed(1);
        var encoder = TransformerOptions.of(WIDTH, 4).dimFeedforward(64).dropout(0.1f).normFirst(true);
        Model model = new Model(new Sequential(
                // [batch, time] ids -> [batch, time, 32]; id 0 is padding, which the mask carries on
                new TokenAndPositionEmbedding(sentences.vocabulary().size(), MAX_LENGTH, WIDTH).maskZero(true),
                new TransformerEncoder(encoder, 2, true),   // padded keys masked in self-attention
                new GlobalAvgPool(DataFormat.CHANNELS_LAST), // -> [batch, 32]: the mean of the real tokens
                new Dropout(0.3f), new Dense(2), new Softmax()));
        model.compile(parameters -> new Adam(parameters, 1e-3f), Losses.byName("sparse_categorical_crossentropy"),
                Metrics.byName("accuracy"));
        model.fit(train, FitOptions.defaults().epochs(options.epochs()).batchSize(32).shuffle(true, 1)
                .verbose(false));
        double accuracy = model.evaluate(test, 256).get("accuracy");
        return sentences.report("Transformer encoder", accuracy);
    }
}
