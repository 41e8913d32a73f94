package dev.nabla.cli.bench;

import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.util.List;

/**
 * Inference of a zoo model at ImageNet size as {@code shared/bench/WORKLOADS.md} defines it
 * ({@code resnet18-infer}): torchvision's architecture with 1,000 classes, random weights drawn
 * from a fixed seed (speed does not depend on them), in evaluation mode without gradients, on
 * random images {@code [3, 224, 224]} in [0, 1); the median latency of one-image calls after
 * warm-up calls, and the throughput of batches of {@link #BATCH_SIZE}, from the median time of
 * a batch call after warm-up calls. {@code bench/torch_bench.py} measures
 * {@code torchvision.models.resnet18()} the same way.
 *
 * @param warmupCalls untimed one-image calls (20 in the standard workload: the JIT compiler is still at work
 *                    for the first ten or so, a second each at first)
 * @param calls timed one-image calls (30)
 * @param batchWarmupCalls untimed calls at batch 32 (2)
 * @param batchCalls timed calls at batch 32 (5)
 */
public record ImageNetInference(int warmupCalls, int calls, int batchWarmupCalls, int batchCalls) {

    /** The batch size of the throughput measurement. */
    public static final int BATCH_SIZE = 32;
    /** The models measured this way. */
    public static final List<String> MODELS = List.of("resnet18");

    /** The standard workload's call counts. */
    public static ImageNetInference standard() {
        return new ImageNetInference(20, 30, 2, 5);
    }

    public ImageNetInference {
        if (warmupCalls < 0 || batchWarmupCalls < 0 || calls < 1 || batchCalls < 1) {
            throw new IllegalArgumentException("inference benchmark: warm-up calls must be 0 or more and timed calls"
                    + " at least 1");
        }
    }

    /** The model named (one of {@link #MODELS}) with ImageNet's 3 channels and 1,000 classes, weights from {@code seed}. */
    public static Sequential network(String model, long seed) {
        Layer.manualSeed(seed);
        Sequential network = Zoo.create(model, ZooOptions.imageNet());
        network.eval();
        return network;
    }

    /** Measures the named model; the images are drawn from {@code seed} too. */
    public InferenceBench.Result run(String model, long seed) {
        Sequential network = network(model, seed);
        Tensor images = Tensor.rand(new Generator(seed), BATCH_SIZE, 3, 224, 224);
        try (NoGrad ignored = NoGrad.enter()) {
            double one = Timing.medianSeconds(new InferenceBench.Calls(network, images, 1), warmupCalls, calls);
            double batch = Timing.medianSeconds(new InferenceBench.Calls(network, images, BATCH_SIZE),
                    batchWarmupCalls, batchCalls);
            return new InferenceBench.Result(one, BATCH_SIZE / batch);
        }
    }
}
