package dev.nabla.data;

/**
 * One round of cross-validation from {@link KFold} or {@link StratifiedKFold}: the positions
 * of the examples to train on and of those to validate on, each ascending, none in both.
 *
 * @param index      which fold validates, from 0
 * @param train      the positions of the training examples
 * @param validation the positions of the validation examples
 */
public record Fold(int index, int[] train, int[] validation) {

    /** The training examples of {@code data}, a view. */
    public Subset train(Dataset data) {
        return new Subset(data, train);
    }

    /** The validation examples of {@code data}, a view. */
    public Subset validation(Dataset data) {
        return new Subset(data, validation);
    }
}
