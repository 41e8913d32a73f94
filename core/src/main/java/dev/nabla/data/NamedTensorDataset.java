package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Examples held in memory as named input tensors, targets and an optional mask, all counting
 * the examples along their first axis: the data of a {@code Graph} with several inputs
 * (Keras's {@code fit} given a dict of inputs), batched under the same names. A batch is
 * gathered from the whole tensors at once; the tensors are taken out of any autograd graph.
 *
 * <pre>{@code
 * var data = new NamedTensorDataset(Map.of("image", images, "metadata", rows), labels);
 * }</pre>
 */
public final class NamedTensorDataset implements Dataset {

    private final Map<String, Tensor> inputs;
    private final Tensor targets;
    private final Tensor mask;

    /** Example {@code i} is row {@code i} of every input with {@code targets[i]}. */
    public NamedTensorDataset(Map<String, Tensor> inputs, Tensor targets) {
        this(inputs, targets, null);
    }

    /**
     * As above, with row {@code i} of {@code mask} (1 for real elements, 0 for padding; null
     * for none) as example {@code i}'s mask.
     *
     * @throws IllegalArgumentException if there is no input, or the tensors count different numbers of examples
     */
    public NamedTensorDataset(Map<String, Tensor> inputs, Tensor targets, Tensor mask) {
        Map<String, Tensor> detached = new LinkedHashMap<>();
        inputs.forEach((name, input) -> detached.put(name, input.detach()));
        Batch all = new Batch(detached, targets.detach(), null, mask == null ? null : mask.detach());
        this.inputs = all.inputs();
        this.targets = all.targets();
        this.mask = all.mask();
    }

    @Override
    public int size() {
        return targets.dim(0);
    }

    /** Example {@code index}: views of row {@code index} of every tensor. */
    @Override
    public Example get(int index) {
        checkIndex(index);
        Map<String, Tensor> row = new LinkedHashMap<>();
        inputs.forEach((name, input) -> row.put(name, input.slice(0, index, index + 1).squeeze(0)));
        return new Example(row, targets.slice(0, index, index + 1).squeeze(0),
                mask == null ? null : mask.slice(0, index, index + 1).squeeze(0));
    }

    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        for (int index : indices) {
            checkIndex(index);
        }
        Map<String, Tensor> rows = new LinkedHashMap<>();
        inputs.forEach((name, input) -> rows.put(name, input.indexSelect(0, indices)));
        return new Batch(rows, targets.indexSelect(0, indices), null, mask == null ? null : mask.indexSelect(0, indices));
    }

    /** Every input, {@code [N, ...]}, by name. */
    public Map<String, Tensor> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /** All targets, {@code [N, ...]}. */
    public Tensor targets() {
        return targets;
    }

    /** The whole mask {@code [N, ...]}, or null. */
    public Tensor mask() {
        return mask;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("NamedTensorDataset: index " + index + " is out of range for "
                    + size() + " examples");
        }
    }
}
