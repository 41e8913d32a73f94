package dev.nabla.data;

/**
 * A data set's examples cut into parts by {@link Splits}: their positions, each part
 * ascending, every example in exactly one part. A train/test split has no validation
 * examples.
 *
 * @param train      the positions of the training examples
 * @param validation the positions of the validation examples (empty for a train/test split)
 * @param test       the positions of the test examples
 */
public record SplitIndices(int[] train, int[] validation, int[] test) {

    /** The training examples of {@code data}, a view. */
    public Subset train(Dataset data) {
        return new Subset(data, train);
    }

    /** The validation examples of {@code data}, a view. */
    public Subset validation(Dataset data) {
        return new Subset(data, validation);
    }

    /** The test examples of {@code data}, a view. */
    public Subset test(Dataset data) {
        return new Subset(data, test);
    }
}
