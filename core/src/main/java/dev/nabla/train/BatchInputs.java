package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Masks;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Feeds a {@link Batch}'s inputs to a network: one as it is, several in a {@link Graph}'s input order. */
final class BatchInputs {

    private BatchInputs() {
    }

    /**
     * The network's outputs for the batch. The batch's mask ({@link Batch#mask()}, such as the
     * {@code [batch, time]} of texts padded per batch) is attached to every input whose first two
     * axes it describes, so the network's layers honour and pass it on ({@link Masks}).
     */
    static Tensor forward(Layer network, Batch batch) {
        if (batch.inputs().size() == 1) {
            return network.forward(masked(batch.features(), batch.mask()));
        }
        return network.forward(ordered(network, batch).stream().map(input -> masked(input, batch.mask())).toList());
    }

    private static Tensor masked(Tensor input, Tensor mask) {
        boolean fits = mask != null && mask.rank() == 2 && input.rank() >= 2 && input.dim(0) == mask.dim(0)
                && input.dim(1) == mask.dim(1);
        return fits ? Masks.attach(input, mask) : input;
    }

    /**
     * The mask the loss weighs the steps by: the one on the network's output when it has one
     * (passed on by the layers), else the batch's when it describes the targets' first two axes
     * (per-step targets {@code [batch, time, ...]} of predictions {@code [batch, time, ...]} of
     * rank 3 or more: a rank-2 prediction is one vector per example); null for none.
     */
    static Tensor lossMask(Tensor predictions, Batch batch) {
        Tensor onOutput = Masks.of(predictions);
        if (onOutput != null) {
            return onOutput;
        }
        Tensor mask = batch.mask();
        Tensor targets = batch.targets();
        boolean perStep = mask != null && mask.rank() == 2 && targets != null && targets.rank() >= 2
                && targets.dim(1) == mask.dim(1) && predictions.rank() >= 3 && predictions.dim(1) == mask.dim(1);
        return perStep ? mask : null;
    }

    /**
     * The batch's inputs in the order the network takes them: a graph's by its input names
     * (every name must be given, and no other), another layer's in the batch's order.
     */
    static List<Tensor> ordered(Layer network, Batch batch) {
        if (!(network instanceof Graph graph)) {
            return List.copyOf(batch.inputs().values());
        }
        List<String> names = graph.inputNodes().stream().map(GraphNode::inputName).toList();
        if (!batch.inputs().keySet().equals(Set.copyOf(names))) {
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(batch.inputs().keySet());
            Set<String> unexpected = new TreeSet<>(batch.inputs().keySet());
            names.forEach(unexpected::remove);
            throw new IllegalArgumentException(network.path() + ": the graph takes inputs " + names
                    + " but the batch has " + batch.inputs().keySet() + (missing.isEmpty() ? "" : "; missing "
                    + missing) + (unexpected.isEmpty() ? "" : "; unexpected " + unexpected)
                    + "; name the data set's inputs as the graph's GraphNode.input names");
        }
        List<Tensor> ordered = new ArrayList<>();
        names.forEach(name -> ordered.add(batch.input(name)));
        return ordered;
    }
}
