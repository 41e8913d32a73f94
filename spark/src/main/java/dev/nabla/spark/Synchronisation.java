package dev.nabla.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the replicas of data-parallel training on Spark keep in step. */
public enum Synchronisation {

    /**
     * Local SGD: each replica makes {@code syncEvery} steps on its own shard, then the driver averages
     * the replicas' weights and optimizer states (broadcast out, {@code treeAggregate} back) and the
     * next round starts from the mean. One synchronisation per {@code syncEvery} steps.
     */
    MODEL_AVERAGING,

    /**
     * Synchronous SGD in a barrier stage: every step, the replicas' gradients are averaged through
     * {@code BarrierTaskContext.allGather} before the update, so the replicas stay identical. One
     * exchange per step; the driver averages states once per epoch.
     */
    GRADIENT_AVERAGING;

    /** The name in experiment files and on the command line: {@code model_averaging}, {@code gradient_averaging}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode an experiment file names. */
    public static Synchronisation byFileName(String name) {
        for (Synchronisation mode : values()) {
            if (mode.fileName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown synchronisation mode '" + name + "'; use one of "
                + Arrays.stream(values()).map(Synchronisation::fileName).collect(Collectors.joining(", ")));
    }
}
