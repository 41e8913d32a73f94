package dev.nabla.spark;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link SparkTrainer} spreads training: the {@link Synchronisation} mode, the number of
 * replicas (Spark partitions, one task each per round), the steps between two synchronisations of
 * model averaging, and where the driver writes its checkpoint after every round (null for none).
 *
 * <pre>{@code
 * SparkTraining training = SparkTraining.modelAveraging(2, 16).checkpoints(Path.of("runs/spark"));
 * }</pre>
 *
 * @param synchronisation    how replicas keep in step
 * @param workers            the number of replicas
 * @param syncEvery          model averaging's steps per round (ignored by gradient averaging)
 * @param checkpointDirectory where {@value SparkTrainer#ROUND_CHECKPOINT} is written after each round, or null
 */
public record SparkTraining(Synchronisation synchronisation, int workers, int syncEvery, Path checkpointDirectory) {

    /** Checks the values. */
    public SparkTraining {
        Objects.requireNonNull(synchronisation, "synchronisation");
        if (workers < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("SparkTraining: need workers ≥ 1 and syncEvery ≥ 1, got workers "
                    + workers + ", syncEvery " + syncEvery);
        }
    }

    /** Local SGD over {@code workers} replicas, averaging weights and optimizer state every {@code syncEvery} steps. */
    public static SparkTraining modelAveraging(int workers, int syncEvery) {
        return new SparkTraining(Synchronisation.MODEL_AVERAGING, workers, syncEvery, null);
    }

    /** Synchronous SGD over {@code workers} replicas in a barrier stage, gradients averaged at every step. */
    public static SparkTraining gradientAveraging(int workers) {
        return new SparkTraining(Synchronisation.GRADIENT_AVERAGING, workers, 1, null);
    }

    /** The same with the round checkpoint written into {@code directory}; a later run there resumes from it. */
    public SparkTraining checkpoints(Path directory) {
        return new SparkTraining(synchronisation, workers, syncEvery, directory);
    }
}
