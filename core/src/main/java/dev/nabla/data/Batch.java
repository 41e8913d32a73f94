package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Examples stacked along a new first axis: the inputs by name, each {@code [batch, ...]} (one,
 * {@value #FEATURES}, in the common case; a {@code Graph}'s several inputs under its input
 * names), the targets {@code [batch, ...]}, row {@code i} of each belonging to the same
 * example; from a {@link WeightedDataset}, one weight per example {@code [batch]}; and an
 * optional mask {@code [batch, ...]}, 1 where an element is real and 0 where it is padding
 * (such as {@code [batch, time]} for padded sequences). Weights and mask are null when absent.
 */
public record Batch(Map<String, Tensor> inputs, Tensor targets, Tensor weights, Tensor mask) {

    /** The name of the input of a batch made from one features tensor. */
    public static final String FEATURES = "features";

    /** Checks that every input, the targets, the weights and the mask count the same examples; copies the inputs. */
    public Batch {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("Batch: give at least one input");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        int size = -1;
        for (Map.Entry<String, Tensor> input : inputs.entrySet()) {
            if (input.getValue() == null || input.getValue().rank() == 0) {
                throw new IllegalArgumentException("Batch: input '" + input.getKey() + "' needs a first axis that"
                        + " counts the examples");
            }
            size = size < 0 ? input.getValue().dim(0) : size;
            requireSize(size, "input '" + input.getKey() + "'", input.getValue());
        }
        requireSize(size, "the targets", targets);
        requireSize(size, "the weights", weights);
        requireSize(size, "the mask", mask);
    }

    /** A batch of one features tensor, with sample weights (null for none). */
    public Batch(Tensor features, Tensor targets, Tensor weights) {
        this(Map.of(FEATURES, features), targets, weights, null);
    }

    /** A batch of one features tensor, without sample weights. */
    public Batch(Tensor features, Tensor targets) {
        this(features, targets, null);
    }

    private static void requireSize(int size, String what, Tensor value) {
        if (value != null && (value.rank() == 0 || value.dim(0) != size)) {
            throw new IllegalArgumentException("Batch: " + what + " (shape " + value.shape() + ") should have "
                    + size + " examples along the first axis, as the inputs have");
        }
    }

    /**
     * The only input {@code [batch, ...]}.
     *
     * @throws IllegalStateException if the batch has several inputs; use {@link #input} then
     */
    public Tensor features() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("Batch: it has several inputs " + inputs.keySet()
                    + "; take one with input(name), or all with inputs()");
        }
        return inputs.values().iterator().next();
    }

    /** The input named {@code name}. */
    public Tensor input(String name) {
        Tensor input = inputs.get(name);
        if (input == null) {
            throw new IllegalArgumentException("Batch: no input named '" + name + "'; it has " + inputs.keySet());
        }
        return input;
    }

    /** This batch with these sample weights {@code [batch]} (null for none). */
    public Batch withWeights(Tensor value) {
        return new Batch(inputs, targets, value, mask);
    }

    /** This batch with this mask {@code [batch, ...]} (null for none). */
    public Batch withMask(Tensor value) {
        return new Batch(inputs, targets, weights, value);
    }

    /** The number of examples in this batch. */
    public int size() {
        return inputs.values().iterator().next().dim(0);
    }
}
