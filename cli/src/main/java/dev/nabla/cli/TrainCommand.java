package dev.nabla.cli;

import dev.nabla.data.Digits;
import dev.nabla.data.Split;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nabla train}: the built-in experiment, a small MLP on the 8×8 handwritten digits
 * embedded in Nabla (1,797 images, 80/20 split), trained with the Keras-style API.
 */
@Command(name = "train", description = "Train a small network on the built-in 8x8 digits and report test accuracy.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "40", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the split, weights and order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Double> test = trainDigits(epochs, seed, out);
        out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("accuracy"), test.get("loss"));
        out.flush();
        return 0;
    }

    /** Trains the built-in model and returns its loss and accuracy on the held-out 20%. */
    static Map<String, Double> trainDigits(int epochs, long seed, PrintWriter out) {
        Split split = Digits.load().split(0.8, new Generator(seed));
        out.printf("digits: %d training and %d test images of 8x8 pixels, 10 classes%n",
                split.train().size(), split.test().size());
        Layer.manualSeed(seed);
        Model model = new Model(new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10), new Softmax()));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        out.print(model.summary(1, 8, 8));
        out.flush();
        model.fit(split.train(), FitOptions.defaults().epochs(epochs).batchSize(32).validationSplit(0.1f)
                .shuffle(true, seed));
        return model.evaluate(split.test(), 256);
    }
}
