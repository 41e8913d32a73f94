package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finite, indexed collection of examples (PyTorch's map-style {@code Dataset}). A
 * {@link DataLoader} reads it in batches, possibly from a background thread, so
 * {@link #get} and {@link #batch} must be safe to call from a thread other than the one
 * that made the data set (reading immutable data is).
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /** The example at {@code index}, in {@code [0, size())}. */
    Example get(int index);

    /**
     * The examples at these positions, stacked: each input {@code [indices.length, ...]},
     * targets {@code [indices.length, ...]} and masks, if the examples have them. This default
     * stacks {@link #get} results one by one; data sets that hold whole tensors override it
     * with one gather.
     */
    default Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        Example[] examples = new Example[indices.length];
        for (int i = 0; i < indices.length; i++) {
            examples[i] = get(indices[i]);
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (String name : examples[0].inputs().keySet()) {
            inputs.put(name, Tensor.stack(0, Arrays.stream(examples).map(e -> {
                Tensor input = e.inputs().get(name);
                if (input == null) {
                    throw new IllegalArgumentException("batch: the examples have different inputs: "
                            + examples[0].inputs().keySet() + " and " + e.inputs().keySet());
                }
                return input;
            }).toArray(Tensor[]::new)));
        }
        Tensor targets = Tensor.stack(0, Arrays.stream(examples).map(Example::target).toArray(Tensor[]::new));
        boolean masked = examples[0].mask() != null;
        if (Arrays.stream(examples).anyMatch(e -> (e.mask() != null) != masked)) {
            throw new IllegalArgumentException("batch: some examples have a mask and some do not");
        }
        Tensor mask = masked ? Tensor.stack(0, Arrays.stream(examples).map(Example::mask).toArray(Tensor[]::new))
                : null;
        return new Batch(inputs, targets, null, mask);
    }
}
