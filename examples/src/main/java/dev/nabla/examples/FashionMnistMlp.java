package dev.nabla.examples;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.optim.Plateau;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The classic Keras MLP on Fashion-MNIST (TensorFlow's "basic classification" tutorial), the
 * Java twin of {@code examples/fashion-mnist-mlp.yaml}: Flatten, Dense 128 ReLU, Dropout 0.2,
 * Dense 10 softmax; Adam, sparse categorical cross-entropy, accuracy.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.FashionMnistMlp [--epochs 10] [--limit N]
 * </pre>
 */
public final class FashionMnistMlp {

    private FashionMnistMlp() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 10));
    }

    /** Trains and tests the model; returns the test loss and accuracy. */
    static Map<String, Double> run(ExampleOptions options) throws IOException {
        Split data = FashionMnist.load();                   // images [N, 1, 28, 28] in [0, 1], labels [N]
        Layer.manualSeed(1);
        Model model = new Model(new Sequential(
                new Flatten(),
                new Dense(128), new Relu(),
                new Dropout(0.2f),
                new Dense(10), new Softmax()));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.print(model.summary(1, 28, 28));
        model.fit(options.limit(data.train()), FitOptions.defaults()
                .epochs(options.epochs())
                .batchSize(32)
                .validationSplit(0.1f)
                .shuffle(true, 1)
                .callbacks(new EarlyStopping("val_loss", Plateau.Mode.MIN, 0.0, 3, true)));
        Map<String, Double> test = model.evaluate(options.limit(data.test()), 256);
        System.out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("accuracy"), test.get("loss"));
        return test;
    }
}
