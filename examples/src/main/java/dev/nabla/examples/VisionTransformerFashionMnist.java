package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.AugmentedDataset;
import dev.nabla.data.image.HorizontalFlip;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metrics;
import dev.nabla.nn.Dense;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Layer;
import dev.nabla.nn.PatchEmbedding;
import dev.nabla.nn.Permute;
import dev.nabla.nn.PositionalEmbedding;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import dev.nabla.train.ScheduledLearningRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A small vision Transformer (ViT) on Fashion-MNIST, the Java twin of
 * {@code examples/vit-fashion-mnist.yaml}: 7×7 patches projected to 64 features (16 tokens), a
 * learned position per patch, four pre-norm encoder layers (4 heads, feed-forward 128, GELU)
 * with a final layer norm, the mean over the tokens and a softmax over the 10 classes; AdamW
 * (weight decay 0.05) with 300 warm-up steps (at most a tenth of the updates) and a
 * cosine decay over the updates of the run, random horizontal flips.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.VisionTransformerFashionMnist [--epochs 10] [--limit N]
 * </pre>
 */
public final class VisionTransformerFashionMnist {

    static final int BATCH_SIZE = 128;
    static final int WARMUP_STEPS = 300;

    private VisionTransformerFashionMnist() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10), Path.of("runs", "vit-fashion-mnist.nabla"));
    }

    /** The network: {@code [N, 1, 28, 28] → [N, 10]} class probabilities. */
    static Sequential network() {
        TransformerOptions layer = TransformerOptions.of(64, 4).dimFeedforward(128).dropout(0f)
                .activation(ActivationFunction.GELU).normFirst(true);
        return new Sequential(
                new PatchEmbedding(7, 64),                    // [N, 16, 64]: 4×4 patches of 7×7 pixels
                new PositionalEmbedding(16),                  // + a learned vector per patch position
                new TransformerEncoder(layer, 4, true),       // [N, 16, 64], ending in a layer norm
                new Permute(2, 1), new GlobalAvgPool(),       // [N, 64]: the mean over the 16 tokens
                new Dense(10), new Softmax());
    }

    /** What a run gives: the trained model, its history, and the test loss and accuracy. */
    record Result(Model model, History history, Map<String, Double> test) {
    }

    /** Trains, tests and saves the model to {@code modelFile}; returns the model, history and test figures. */
    static Result run(ExampleOptions options, Path modelFile) throws IOException {
        Split data = FashionMnist.load();
        TensorDataset train = options.limit(data.train());
        int cut = train.size() - train.size() / 10;                  // the last tenth validates, unflipped
        var flipped = new AugmentedDataset(train.slice(0, cut), new HorizontalFlip(0.5), 1);
        int updates = options.epochs() * Math.ceilDiv(cut, BATCH_SIZE);
        int warmup = Math.min(WARMUP_STEPS, updates / 10);           // 300 of the full run's 4,220

        Layer.manualSeed(1);
        Model model = new Model(network());
        model.compile(parameters -> new AdamW(parameters, 1e-3f).weightDecay(0.05f),
                Losses.byName("sparse_categorical_crossentropy"), Metrics.byName("accuracy"));
        System.out.print(model.summary(1, 28, 28));
        History history = model.fit(flipped, FitOptions.defaults()
                .epochs(options.epochs())
                .batchSize(BATCH_SIZE)
                .validationData(train.slice(cut, train.size()))
                .shuffle(true, 1)
                .callbacks(ScheduledLearningRate.perUpdate(optimizer ->
                        CosineAnnealing.withWarmup(optimizer, warmup, 1f / 3, updates, 0f))));
        Map<String, Double> test = model.evaluate(options.limit(data.test()), 256);
        System.out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("accuracy"), test.get("loss"));
        if (modelFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(modelFile.toAbsolutePath().getParent());
        }
        ModelFile.save(modelFile, model.network());
        return new Result(model, history, test);
    }
}
