package dev.nabla.data;

/**
 * The examples of another data set at given positions, in that order, repeats allowed
 * (PyTorch's {@code Subset}): a view, nothing is copied. A batch maps its positions and asks
 * the underlying data set for one batch, so a {@link TensorDataset} still gathers it at once
 * and a {@link WeightedDataset} still gives its weights. What {@link Splits}, {@link KFold},
 * {@link StratifiedKFold} and {@link Resampling} hand a {@link DataLoader}.
 */
public final class Subset implements Dataset {

    private final Dataset dataset;
    private final int[] indices;

    /** Example {@code i} is example {@code indices[i]} of {@code dataset}. */
    public Subset(Dataset dataset, int[] indices) {
        if (dataset == null) {
            throw new IllegalArgumentException("Subset: the data set is null");
        }
        for (int index : indices) {
            if (index < 0 || index >= dataset.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + index + " is out of range for a data set of "
                        + dataset.size() + " examples");
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** The data set the examples come from. */
    public Dataset dataset() {
        return dataset;
    }

    /** The position in {@link #dataset()} of each example. */
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Example get(int index) {
        return dataset.get(indices[checked(index)]);
    }

    @Override
    public Batch batch(int... positions) {
        int[] mapped = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            mapped[i] = indices[checked(positions[i])];
        }
        return dataset.batch(mapped);
    }

    @Override
    public String toString() {
        return "Subset(" + indices.length + " of " + dataset + ")";
    }

    private int checked(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("Subset: index " + index + " is out of range for "
                    + indices.length + " examples");
        }
        return index;
    }
}
