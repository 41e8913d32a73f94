package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Feeds a {@link Batch}'s inputs to a network: one as it is, several in a {@link Graph}'s input order. */
final class BatchInputs {

    private BatchInputs() {
    }

    /** The network's outputs for the batch. */
    static Tensor forward(Layer network, Batch batch) {
        if (batch.inputs().size() == 1) {
            return network.forward(batch.features());
        }
        return network.forward(ordered(network, batch));
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
