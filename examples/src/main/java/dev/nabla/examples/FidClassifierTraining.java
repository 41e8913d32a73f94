package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.generative.FidClassifier;
import dev.nabla.io.ModelFile;
import dev.nabla.io.WeightPrecision;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.metrics.SparseCategoricalAccuracy;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the classifier FID-FMNIST measures with ({@link FidClassifier}) once, with Nabla, and
 * writes its weights in bfloat16 to the given file (the shipped copy is
 * {@code core/src/main/resources/dev/nabla/generative/fid-fmnist-classifier.nabla}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.FidClassifierTraining OUTPUT.nabla [--epochs 4] [--limit N]
 * </pre>
 */
public final class FidClassifierTraining {

    private FidClassifierTraining() {
    }

    public static void main(String[] args) throws IOException {
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        run(ExampleOptions.parse(rest, 4), Path.of(args[0]));
    }

    /** Trains, tests and saves the classifier; returns the test loss and accuracy. */
    static Map<String, Double> run(ExampleOptions options, Path output) throws IOException {
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Sequential network = FidClassifier.untrained();
        Model model = new Model(network).compile(new Adam(network.trainableParameters(), 1e-3f),
                new SparseCategoricalCrossEntropy().fromLogits(true), new SparseCategoricalAccuracy());
        model.fit(options.limit(data.train()), FitOptions.defaults().epochs(options.epochs()).batchSize(128)
                .shuffle(true, 1));
        Map<String, Double> test = model.evaluate(options.limit(data.test()), 500);
        System.out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("sparse_categorical_accuracy"),
                test.get("loss"));
        ModelFile.save(output, network, WeightPrecision.BFLOAT16);
        return test;
    }
}
