package dev.nabla.examples;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.Loss;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.Locale;

/**
 * Training as in PyTorch, without {@code Model.fit}: a small CNN with explicit sizes (as
 * {@code nn.Conv2d(1, 16, 3, padding=1)}), logits and a loss that takes them, and the loop
 * written out: forward, loss, backward, step, zero the gradients; then the test accuracy
 * counted by hand in evaluation mode without gradients.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp core/target/classes:examples/target/classes \
 *      dev.nabla.examples.ManualTrainingLoop [--epochs 3] [--limit N]
 * </pre>
 */
public final class ManualTrainingLoop {

    private ManualTrainingLoop() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 3));
    }

    /** Trains and tests the network; returns the test accuracy. */
    static double run(ExampleOptions options) throws IOException {
        Split data = FashionMnist.load();
        TensorDataset train = options.limit(data.train());
        TensorDataset test = options.limit(data.test());

        Layer.manualSeed(1);
        ConvolutionOptions padded = ConvolutionOptions.defaults().padding(1);
        Sequential model = new Sequential(
                new Conv2d(Conv2d.Config.of(16, 3).inChannels(1).options(padded)), new Relu(), new MaxPool2d(2),    // [N, 16, 14, 14]
                new Conv2d(Conv2d.Config.of(32, 3).inChannels(16).options(padded)), new Relu(), new MaxPool2d(2),   // [N, 32, 7, 7]
                new Flatten(),
                Dense.linear(32 * 7 * 7, 10));                                    // logits [N, 10]
        Optimizer optimizer = new Adam(model.trainableParameters(), 1e-3f);
        Loss criterion = new SparseCategoricalCrossEntropy().fromLogits(true);
        DataLoader loader = new DataLoader(train, 64, new Generator(1), false);

        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            model.train();
            double lossSum = 0;
            for (Batch batch : loader) {
                Tensor logits = model.forward(batch.features());
                Tensor loss = criterion.apply(logits, batch.targets());
                loss.backward();
                optimizer.step();
                optimizer.zeroGrad();
                lossSum += loss.item() * batch.size();
            }
            double accuracy = accuracy(model, test);
            System.out.printf(Locale.ROOT, "epoch %d: training loss %.4f, test accuracy %.4f%n", epoch,
                    lossSum / train.size(), accuracy);
        }
        return accuracy(model, test);
    }

    /** The fraction of {@code data} whose most likely class is the label. */
    static double accuracy(Layer model, TensorDataset data) {
        model.eval();
        double correct = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Batch batch : new DataLoader(data, 256)) {
                Tensor predicted = model.forward(batch.features()).argmax(1, false);
                correct += predicted.eq(batch.targets()).to(DType.FLOAT32).sum().item();
            }
        }
        return correct / data.size();
    }
}
