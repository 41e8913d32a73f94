package dev.nabla.spark;

import dev.nabla.nn.Parameter;
import java.util.List;

/** Replaces every replica's gradients by their mean over all replicas (an all-reduce), in place, once per step. */
@FunctionalInterface
public interface GradientExchange {

    /** Averages the gradients of {@code parameters} (those with one) across the replicas of the step. */
    void average(List<Parameter> parameters);
}
