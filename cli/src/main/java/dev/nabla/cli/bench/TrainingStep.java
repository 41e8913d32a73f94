package dev.nabla.cli.bench;

import dev.nabla.data.Batch;
import dev.nabla.data.BatchIterator;
import dev.nabla.data.DataLoader;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.Loss;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * One training step of a workload, as timed by the benchmarks: the next batch of 128 from a
 * fresh random permutation each epoch, forward, cross-entropy on the logits, backward, an
 * Adam step (learning rate 1e-3, PyTorch's defaults otherwise), gradients zeroed. Batches are
 * gathered on the calling thread (no prefetching thread), as PyTorch's loop does.
 */
public final class TrainingStep implements AutoCloseable {

    private final Sequential network;
    private final Optimizer optimizer;
    private final Loss loss = new SparseCategoricalCrossEntropy().fromLogits(true);
    private final DataLoader loader;
    private BatchIterator batches;
    private float lastLoss = Float.NaN;

    /** A fresh network of {@code workload}, trained on {@code train}; weights and order drawn from {@code seed}. */
    public TrainingStep(Workload workload, TensorDataset train, long seed) {
        if (train.size() < Workload.BATCH_SIZE) {
            throw new IllegalArgumentException("training needs at least " + Workload.BATCH_SIZE + " examples, got "
                    + train.size());
        }
        network = workload.network(seed);
        network.train();
        optimizer = new Adam(network.trainableParameters(), 1e-3f);
        loader = new DataLoader(train, Workload.BATCH_SIZE, new Generator(seed), true, 0);
        batches = loader.iterator();
    }

    /** One step: forward, loss, backward, optimizer step, zero gradients. */
    public void run() {
        if (!batches.hasNext()) {
            batches.close();
            batches = loader.iterator();
        }
        Batch batch = batches.next();
        Tensor value = loss.apply(network.forward(batch.features()), batch.targets());
        value.backward();
        optimizer.step();
        optimizer.zeroGrad();
        lastLoss = value.item();
    }

    /** The loss of the last step (NaN before the first). */
    public float lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        batches.close();
    }
}
