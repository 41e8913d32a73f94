package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.optim.Plateau;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The classic Keras CNN on Fashion-MNIST, the Java twin of
 * {@code examples/fashion-mnist-cnn.yaml}: three 3×3 convolutions of 32, 64 and 128 filters,
 * each with ReLU and 2×2 max pooling (padded "same", so 28×28 becomes 14, 7 and 3), then
 * Flatten, Dense 128 ReLU, Dropout 0.5, Dense 10 softmax; Adam, sparse categorical
 * cross-entropy, accuracy.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.FashionMnistCnn [--epochs 10] [--limit N]
 * </pre>
 */
public final class FashionMnistCnn {

    private FashionMnistCnn() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10));
    }

    /** The network: {@code [N, 1, 28, 28] → [N, 10]} class probabilities. */
    static Sequential network() {
        ConvolutionOptions same = ConvolutionOptions.defaults().paddingSame();
        return new Sequential(
                new Conv2d(Conv2d.Config.of(32, 3).options(same)), new Relu(), new MaxPool2d(2),     // [N, 32, 14, 14]
                new Conv2d(Conv2d.Config.of(64, 3).options(same)), new Relu(), new MaxPool2d(2),     // [N, 64, 7, 7]
                new Conv2d(Conv2d.Config.of(128, 3).options(same)), new Relu(), new MaxPool2d(2),    // [N, 128, 3, 3]
                new Flatten(),
                new Dense(128), new Relu(),
                new Dropout(0.5f),
                new Dense(10), new Softmax());
    }

    /** Trains and tests the model; returns the test loss and accuracy. */
    static Map<String, Double> run(ExampleOptions options) throws IOException {
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Model model = new Model(network());
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.print(model.summary(1, 28, 28));
        model.fit(options.limit(data.train()), FitOptions.defaults()
                .epochs(options.epochs())
                .batchSize(128)
                .validationSplit(0.1f)
                .shuffle(true, 1)
                .callbacks(new EarlyStopping("val_loss", Plateau.Mode.MIN, 0.0, 3, true)));
        Map<String, Double> test = model.evaluate(options.limit(data.test()), 256);
        System.out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("accuracy"), test.get("loss"));
        return test;
    }
}
