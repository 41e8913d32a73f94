package dev.nabla.spark;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Which examples each of {@code workers} replicas trains on in an epoch, and in which order: the
 * epoch's shuffle of all {@code size} examples (seeded by {@code seed} and the epoch, so examples
 * move between partitions from epoch to epoch) cut into equal shards, one per partition. Each
 * replica takes batches of {@code batchSize / workers}, so a step of all replicas together sees
 * {@code batchSize} examples, as one step of single-machine training does; every replica makes the
 * same number of steps (the last {@code size % workers} examples of the shuffle wait for the next epoch).
 *
 * @param size       the number of training examples
 * @param workers    the number of replicas (Spark partitions)
 * @param batchSize  the examples of one step of all replicas together (FitOptions' batch size)
 * @param syncEvery  the steps between two synchronisations of the model-averaging mode
 * @param seed       the seed of the shuffles
 * @param shuffle    whether to shuffle at all (false: shard p holds examples p, p + workers, ...)
 */
public record ShardPlan(int size, int workers, int batchSize, int syncEvery, long seed, boolean shuffle)
        implements Serializable {

    /** Checks that every replica gets at least one batch. */
    public ShardPlan {
        if (workers < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("ShardPlan: need workers ≥ 1 and syncEvery ≥ 1, got workers " + workers
                    + ", syncEvery " + syncEvery);
        }
        if (batchSize < workers) {
            throw new IllegalArgumentException("the batch size " + batchSize + " is smaller than the " + workers
                    + " workers; each worker's batch is batchSize / workers examples, so give at least " + workers);
        }
        if (size / workers < batchSize / workers) {
            throw new IllegalArgumentException(size + " training examples cannot give each of " + workers
                    + " workers a batch of " + batchSize / workers + "; use fewer workers or a smaller batch size");
        }
    }

    /** The examples of one replica's step. */
    public int workerBatchSize() {
        return batchSize / workers;
    }

    /** The examples each replica trains on per epoch. */
    public int shardSize() {
        return size / workers;
    }

    /** The steps each replica makes per epoch (its last batch may be short). */
    public int stepsPerEpoch() {
        return (shardSize() + workerBatchSize() - 1) / workerBatchSize();
    }

    /** The model-averaging rounds per epoch: a synchronisation every {@code syncEvery} steps and at the epoch's end. */
    public int roundsPerEpoch() {
        return (stepsPerEpoch() + syncEvery - 1) / syncEvery;
    }

    /** The indices partition {@code partition} trains on in {@code epoch}, in order. */
    public int[] shard(int epoch, int partition) {
        int[] order = shuffle ? permutation(new Generator(seed * 1_000_003L + epoch)) : identity();
        int[] shard = new int[shardSize()];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = order[i * workers + partition];
        }
        return shard;
    }

    /** The part of {@code shard} that round {@code round} of an epoch trains on ({@code syncEvery} steps or fewer). */
    public int[] roundExamples(int[] shard, int round) {
        int from = Math.min(shard.length, round * syncEvery * workerBatchSize());
        int to = Math.min(shard.length, (round + 1) * syncEvery * workerBatchSize());
        return Arrays.copyOfRange(shard, from, to);
    }

    private int[] permutation(Generator generator) {
        float[] values = Tensor.permutation(generator, size).toFloatArray();
        int[] order = new int[size];
        Arrays.setAll(order, i -> (int) values[i]);
        return order;
    }

    private int[] identity() {
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
