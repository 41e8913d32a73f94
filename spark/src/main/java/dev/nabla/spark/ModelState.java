package dev.nabla.spark;

import dev.nabla.nn.Layer;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's weights (its {@code stateDict}, buffers included) and its optimizer's state as plain
 * float arrays by name: what a round ships from the driver to the tasks, and what the tasks send
 * back to be summed by {@code treeAggregate} and averaged on the driver.
 */
public final class ModelState implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String WEIGHTS = "weights.";
    private static final String OPTIMIZER = "optimizer.";

    private final LinkedHashMap<String, float[]> values = new LinkedHashMap<>();
    private final LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();

    /** An empty state (the zero of a sum). */
    public ModelState() {
    }

    /** A copy of the network's weights and, when it has any yet, the optimizer's state. */
    public static ModelState of(Layer network, Optimizer optimizer) {
        ModelState state = new ModelState();
        network.stateDict().forEach((name, tensor) -> state.put(WEIGHTS + name, tensor));
        if (optimizer != null) {
            optimizer.state().forEach((name, tensor) -> state.put(OPTIMIZER + name, tensor));
        }
        return state;
    }

    private void put(String name, Tensor tensor) {
        values.put(name, tensor.toFloatArray());
        shapes.put(name, tensor.shape().toArray());
    }

    /** Whether nothing is held (the zero of a sum). */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The number of floats held: what one synchronisation moves per replica. */
    public long floatCount() {
        return values.values().stream().mapToLong(v -> v.length).sum();
    }

    /** Adds {@code other} into this state, element by element (the sum of {@code treeAggregate}); returns this. */
    public ModelState add(ModelState other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            other.values.forEach((name, value) -> values.put(name, value.clone()));
            shapes.putAll(other.shapes);
            return this;
        }
        if (!values.keySet().equals(other.values.keySet())) {
            throw new IllegalStateException("replicas returned different states: " + values.keySet() + " and "
                    + other.values.keySet() + "; every task must build the same model from the recipe");
        }
        values.forEach((name, value) -> {
            float[] added = other.values.get(name);
            for (int i = 0; i < value.length; i++) {
                value[i] += added[i];
            }
        });
        return this;
    }

    /** This state divided by {@code count}: the mean once {@code count} replicas' states are summed; returns this. */
    public ModelState divide(int count) {
        float scale = 1f / count;
        values.values().forEach(value -> {
            for (int i = 0; i < value.length; i++) {
                value[i] *= scale;
            }
        });
        return this;
    }

    /** The weights by their {@code stateDict} names. */
    public Map<String, Tensor> weights() {
        return tensors(WEIGHTS);
    }

    /** The optimizer's state as {@link Optimizer#state()} names it; empty before the first update. */
    public Map<String, Tensor> optimizerState() {
        return tensors(OPTIMIZER);
    }

    /**
     * Copies the weights into {@code network} and the optimizer state, if any, into {@code optimizer}
     * (an optimizer's step counts, averaged, are whole numbers again since every replica made as many).
     */
    public void applyTo(Layer network, Optimizer optimizer) {
        network.loadStateDict(weights(), true);
        Map<String, Tensor> optimizerState = optimizerState();
        if (!optimizerState.isEmpty()) {
            optimizer.loadState(optimizerState);
        }
    }

    private Map<String, Tensor> tensors(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), Tensor.of(value.clone(), shapes.get(name)));
            }
        });
        return out;
    }
}
