package dev.nabla.cli.bench;

import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;

/**
 * Inference as {@code shared/bench/WORKLOADS.md} defines it ({@code cnn-infer}): a freshly
 * initialised network (speed does not depend on the weights) in evaluation mode without
 * gradients; the median latency of one-image calls after warm-up calls, and the throughput of
 * batches of 256, from the median time of a batch call after warm-up calls. Images are taken
 * in turn from the test set.
 *
 * @param warmupCalls untimed one-image calls (200 in the standard workload)
 * @param calls timed one-image calls (2,000 in the standard workload)
 * @param batchWarmupCalls untimed calls at batch 256 (10)
 * @param batchCalls timed calls at batch 256 (50)
 */
public record InferenceBench(int warmupCalls, int calls, int batchWarmupCalls, int batchCalls) {

    /** The batch size of the throughput measurement. */
    public static final int BATCH_SIZE = 256;

    /** What one run measured. */
    public record Result(double batch1Seconds, double batchSamplesPerSecond) {
    }

    public InferenceBench {
        if (warmupCalls < 0 || batchWarmupCalls < 0 || calls < 1 || batchCalls < 1) {
            throw new IllegalArgumentException("inference benchmark: warm-up calls must be 0 or more and timed calls"
                    + " at least 1");
        }
    }

    /** Measures a fresh {@code workload} network on images from {@code test} (at least 256 of them). */
    public Result run(Workload workload, TensorDataset test, long seed) {
        if (test.size() < BATCH_SIZE) {
            throw new IllegalArgumentException("inference needs at least " + BATCH_SIZE + " images, got "
                    + test.size());
        }
        Sequential network = workload.network(seed);
        network.eval();
        Tensor images = test.features();
        try (NoGrad ignored = NoGrad.enter()) {
            double one = Timing.medianSeconds(new Calls(network, images, 1), warmupCalls, calls);
            double batch = Timing.medianSeconds(new Calls(network, images, BATCH_SIZE), batchWarmupCalls, batchCalls);
            return new Result(one, BATCH_SIZE / batch);
        }
    }

    /** Forward calls on consecutive slices of {@code size} images, wrapping around. */
    static final class Calls implements Runnable {
        private final Sequential network;
        private final Tensor images;
        private final int size;
        private int next;

        Calls(Sequential network, Tensor images, int size) {
            this.network = network;
            this.images = images;
            this.size = size;
        }

        @Override
        public void run() {
            if (next + size > images.dim(0)) {
                next = 0;
            }
            Tensor output = network.forward(images.slice(0, next, next + size));
            next += size;
            if (output.dim(0) != size) {
                throw new IllegalStateException("inference: " + output.shape() + " out for " + size + " images");
            }
        }
    }
}
