package com.example.newcomer;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Digits;
import dev.nabla.data.Split;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.loss.Loss;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.Locale;

/**
 * The PyTorch-style program of docs/java.md ("Train with your own loop"): forward, loss,
 * backward, optimizer step and zeroGrad written out, then the test accuracy counted without
 * gradients. NewcomerProjectTest checks that the guide's lines are here.
 */
public final class PyTorchStyle {

    private PyTorchStyle() {
    }

    public static void main(String[] args) {
        System.out.println("kernels: " + KernelProvider.description());
        Split data = Digits.load().split(0.8, new Generator(42));
        Layer.manualSeed(1);
        Sequential network = new Sequential(
                new Flatten(),
                Dense.linear(64, 64), new Relu(),                     // sizes given, as nn.Linear(64, 64)
                Dense.linear(64, 10));                                // logits
        Optimizer optimizer = new Adam(network.trainableParameters(), 1e-3f);
        Loss criterion = new SparseCategoricalCrossEntropy().fromLogits(true);
        DataLoader loader = new DataLoader(data.train(), 32, new Generator(1), false);   // shuffled, keep the last batch

        for (int epoch = 1; epoch <= 5; epoch++) {
            network.train();
            double lossSum = 0;
            for (Batch batch : loader) {
                Tensor logits = network.forward(batch.features());
                Tensor loss = criterion.apply(logits, batch.targets());
                loss.backward();                                   // gradients into every parameter
                optimizer.step();
                optimizer.zeroGrad();
                lossSum += loss.item() * batch.size();
            }
            System.out.printf(Locale.ROOT, "epoch %d: training loss %.4f%n", epoch, lossSum / data.train().size());
        }

        network.eval();
        double correct = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Batch batch : new DataLoader(data.test(), 256)) {
                Tensor predicted = network.forward(batch.features()).argmax(1, false);
                correct += predicted.eq(batch.targets()).to(DType.FLOAT32).sum().item();
            }
        }
        System.out.printf(Locale.ROOT, "test accuracy %.3f%n", correct / data.test().size());
    }
}
