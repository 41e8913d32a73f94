package dev.nabla.train;

import dev.nabla.tensor.Tensor;

/**
 * What {@link Model#computeGradients} computed for one batch, for the logs and the metrics.
 *
 * @param loss        the batch's loss, a scalar, as the loss gives it (before any division for
 *                    gradient accumulation)
 * @param predictions the network's outputs, detached from the graph, {@code [batch, ...]}
 */
public record BatchOutputs(Tensor loss, Tensor predictions) {
}
