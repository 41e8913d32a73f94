package dev.nabla.data;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Reads a {@link Dataset} in batches, one epoch per {@link #iterator()} (PyTorch's
 * {@code DataLoader}, Keras's batching in {@code fit}). With a shuffle generator, each
 * epoch visits the examples in a fresh random order drawn from it, so the same seed gives
 * the same sequence of epochs. By default a background thread builds the next two batches
 * while the caller trains on the current one.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(train, 128, new Generator(42), false);
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     for (Batch batch : loader) {
 *         Tensor loss = model.forward(batch.features()) ...
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {

    /** The number of batches built ahead by default. */
    public static final int DEFAULT_PREFETCH = 2;

    private final Dataset dataset;
    private final int batchSize;
    private final Generator shuffle;
    private final boolean dropLast;
    private final int prefetch;

    /** Batches of {@code batchSize} in the data set's order; the last batch may be smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, null, false);
    }

    /**
     * Batches of {@code batchSize}, in a fresh order drawn from {@code shuffle} each epoch
     * (or in the data set's order when it is null), without the last, smaller batch when
     * {@code dropLast}.
     */
    public DataLoader(Dataset dataset, int batchSize, Generator shuffle, boolean dropLast) {
        this(dataset, batchSize, shuffle, dropLast, DEFAULT_PREFETCH);
    }

    /**
     * As above, with {@code prefetch} batches built ahead in a background thread; 0 builds
     * them in the caller's thread.
     */
    public DataLoader(Dataset dataset, int batchSize, Generator shuffle, boolean dropLast, int prefetch) {
        if (dataset == null) {
            throw new IllegalArgumentException("DataLoader: the data set is null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: the batch size must be at least 1, got " + batchSize);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("DataLoader: prefetch must be 0 (no background thread) or more, got "
                    + prefetch);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.prefetch = prefetch;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code N / batchSize}, rounded up unless the last, smaller batch is dropped. */
    public int numberOfBatches() {
        int size = dataset.size();
        return size / batchSize + (dropLast || size % batchSize == 0 ? 0 : 1);
    }

    /**
     * Starts an epoch: draws its order (from the shuffle generator, on this thread) and,
     * with prefetching, starts the thread that builds its batches.
     */
    @Override
    public BatchIterator iterator() {
        int size = dataset.size();
        int[] order = shuffle == null ? identity(size) : TensorDataset.toIndices(Tensor.permutation(shuffle, size));
        return new BatchIterator(new BatchPlan(dataset, order, batchSize, numberOfBatches()), prefetch);
    }

    /**
     * Draws the orders of {@code epochs} epochs without reading them, so that a run resumed at
     * epoch e visits the examples in the order an uninterrupted run's epoch e would; returns this.
     */
    public DataLoader skipEpochs(int epochs) {
        if (shuffle != null) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                Tensor.permutation(shuffle, dataset.size());
            }
        }
        return this;
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }
}
