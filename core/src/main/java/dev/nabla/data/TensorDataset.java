package dev.nabla.data;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Examples held in memory as two tensors whose first axis counts the examples (PyTorch's
 * {@code TensorDataset}): features {@code [N, ...]} and targets {@code [N, ...]}. A batch
 * is gathered from the whole tensors at once, copying just its rows. The tensors are taken
 * out of any autograd graph.
 */
public final class TensorDataset implements Dataset {

    private final Tensor features;
    private final Tensor targets;

    /** Example {@code i} is {@code features[i]} with {@code targets[i]}; both need the same first dimension. */
    public TensorDataset(Tensor features, Tensor targets) {
        if (features.rank() == 0 || targets.rank() == 0) {
            throw new IllegalArgumentException("TensorDataset: features (shape " + features.shape() + ") and targets"
                    + " (shape " + targets.shape() + ") need a first axis that counts the examples");
        }
        if (features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("TensorDataset: features have " + features.dim(0) + " examples (shape "
                    + features.shape() + ") but targets have " + targets.dim(0) + " (shape " + targets.shape()
                    + "); both need the same first dimension");
        }
        this.features = features.detach();
        this.targets = targets.detach();
    }

    /** All features, {@code [N, ...]}. */
    public Tensor features() {
        return features;
    }

    /** All targets, {@code [N, ...]}. */
    public Tensor targets() {
        return targets;
    }

    @Override
    public int size() {
        return features.dim(0);
    }

    /** Example {@code index}: views of row {@code index} of the features and the targets. */
    @Override
    public Example get(int index) {
        checkIndex(index);
        return new Example(features.slice(0, index, index + 1).squeeze(0),
                targets.slice(0, index, index + 1).squeeze(0));
    }

    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        for (int index : indices) {
            checkIndex(index);
        }
        return new Batch(rows(features, indices), rows(targets, indices));
    }

    /** A new data set of the examples at these positions, in this order (copied). */
    public TensorDataset subset(int... indices) {
        for (int index : indices) {
            checkIndex(index);
        }
        return new TensorDataset(rows(features, indices), rows(targets, indices));
    }

    /** Examples {@code start} (inclusive) to {@code end} (exclusive), as views that share this data set's storage. */
    public TensorDataset slice(int start, int end) {
        if (start < 0 || end > size() || start > end) {
            throw new IndexOutOfBoundsException("TensorDataset.slice: [" + start + ", " + end + ") is not a range"
                    + " within the " + size() + " examples");
        }
        return new TensorDataset(features.slice(0, start, end), targets.slice(0, start, end));
    }

    /**
     * A random split (scikit-learn's {@code train_test_split}): {@code round(trainFraction · N)}
     * examples to train, the rest to test, both in a random order drawn from {@code generator}.
     */
    public Split split(double trainFraction, Generator generator) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("TensorDataset.split: the training fraction must be in [0, 1], got "
                    + trainFraction);
        }
        int[] order = toIndices(Tensor.permutation(generator, size()));
        int trainCount = (int) Math.round(trainFraction * size());
        return new Split(subset(Arrays.copyOfRange(order, 0, trainCount)),
                subset(Arrays.copyOfRange(order, trainCount, order.length)));
    }

    @Override
    public String toString() {
        return "TensorDataset(" + size() + " examples, features " + features.shape() + " " + features.dtype()
                + ", targets " + targets.shape() + " " + targets.dtype() + ")";
    }

    /** Rows {@code indices} of {@code data}, in that order, in a new tensor. */
    private static Tensor rows(Tensor data, int[] indices) {
        return data.indexSelect(0, indices);
    }

    /** The values of a 1-d integral tensor as ints. */
    static int[] toIndices(Tensor index) {
        float[] values = index.toFloatArray();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            indices[i] = (int) values[i];
        }
        return indices;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("TensorDataset: index " + index + " is out of range for "
                    + size() + " examples");
        }
    }
}
