package com.example.newcomer;

import dev.nabla.data.Digits;
import dev.nabla.data.Split;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import java.util.Locale;
import java.util.Map;

/**
 * The Keras-style program of docs/java.md ("Train a model, Keras style"): a small network on
 * the digits that ship inside nabla-core, trained with {@code Model.fit}. NewcomerProjectTest
 * checks that the guide's lines are here.
 */
public final class KerasStyle {

    private KerasStyle() {
    }

    public static void main(String[] args) {
        System.out.println("kernels: " + KernelProvider.description());
        Split data = Digits.load().split(0.8, new Generator(42));   // images [N, 1, 8, 8] in [0, 1], labels [N]
        System.out.println(data.train().size());                    // prints = 1438
        Layer.manualSeed(1);                                        // the same seed, the same initial weights
        Model model = new Model(new Sequential(
                new Flatten(),
                new Dense(64), new Relu(),                          // sizes come from the first input
                new Dense(10), new Softmax()));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.print(model.summary(1, 8, 8));                   // one sample's shape, without the batch
        History history = model.fit(data.train(), FitOptions.defaults()
                .epochs(5)
                .batchSize(32)
                .validationSplit(0.1f)                              // the last 10 % validates after each epoch
                .shuffle(true, 1));
        System.out.println("validation accuracy per epoch: " + history.get("val_accuracy"));
        Map<String, Double> test = model.evaluate(data.test(), 256);
        System.out.printf(Locale.ROOT, "test accuracy %.3f, test loss %.3f%n", test.get("accuracy"), test.get("loss"));
        Tensor probabilities = model.predict(data.test().features().slice(0, 0, 5));   // [5, 10]
        System.out.println("predicted " + probabilities.argmax(1, false)
                + ", true " + data.test().targets().slice(0, 0, 5));
    }
}
