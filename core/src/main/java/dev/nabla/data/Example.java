package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One example of a {@link Dataset}: its inputs by name (one, {@value Batch#FEATURES}, in the
 * common case: an image {@code [1, 28, 28]}, a row of numbers {@code [in]}; a {@code Graph}'s
 * several inputs under its input names), its target (a class label as a scalar INT32 tensor,
 * or values) and an optional mask (1 for real elements, 0 for padding; null for none), which
 * a {@link Batch} stacks as it stacks the inputs.
 */
public record Example(Map<String, Tensor> inputs, Tensor target, Tensor mask) {

    /** Copies the inputs, keeping their order. */
    public Example {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("Example: give at least one input");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** An example of one features tensor, without a mask. */
    public Example(Tensor features, Tensor target) {
        this(Map.of(Batch.FEATURES, features), target, null);
    }

    /**
     * The only input.
     *
     * @throws IllegalStateException if the example has several inputs; use {@link #inputs} then
     */
    public Tensor features() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("Example: it has several inputs " + inputs.keySet()
                    + "; take them with inputs()");
        }
        return inputs.values().iterator().next();
    }
}
