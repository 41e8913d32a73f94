package dev.nabla.spark;

import dev.nabla.data.Batch;
import dev.nabla.nn.Layer;
import dev.nabla.train.BatchOutputs;
import dev.nabla.train.Model;
import java.util.Map;

/**
 * A replica of synchronous data-parallel training: its {@link #trainStep} averages the gradients
 * across all replicas between the backward pass and the update (the seam {@link Model#trainStep}
 * names for an all-reduce), so every replica applies the same update and the replicas together
 * train exactly as one model on the union of their batches.
 */
final class SynchronousReplica extends Model {

    private final GradientExchange exchange;

    SynchronousReplica(Layer network, GradientExchange exchange) {
        super(network);
        this.exchange = exchange;
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        BatchOutputs outputs = computeGradients(batch);
        exchange.average(network().parameters());
        applyGradients();
        updateMetrics(outputs.predictions(), batch.targets());
        return Map.of("loss", (double) outputs.loss().item());
    }
}
