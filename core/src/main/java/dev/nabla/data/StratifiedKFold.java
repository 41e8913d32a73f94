package dev.nabla.data;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * k-fold cross-validation in which every fold keeps each class's share (scikit-learn's
 * {@code StratifiedKFold}). The fold sizes are {@link KFold}'s, and the class counts of every
 * fold are exactly scikit-learn's: the labels, classes in order of first appearance, are dealt
 * round-robin to the folds, so each class's count in a fold is its count over {@code k}, rounded
 * down or up. Within a class, unshuffled, the first examples go to fold 0, the next to fold 1,
 * and so on, exactly as scikit-learn; shuffled, the same counts are drawn at random from the
 * generator (not NumPy's, so other examples than scikit-learn's). Positions are ascending.
 *
 * <p>Every class needs at least {@code k} examples, one per fold. scikit-learn only warns
 * when a class has fewer; here it is an error, since some folds would not see that class.
 */
public final class StratifiedKFold {

    private final int k;
    private final Generator shuffle;

    /** {@code k} folds, each class's examples dealt in their order. */
    public StratifiedKFold(int k) {
        this(k, null);
    }

    /**
     * {@code k} (at least 2) folds, each class's examples dealt in a random order drawn from
     * {@code shuffle} at each {@link #split}, or in their order when it is null.
     */
    public StratifiedKFold(int k, Generator shuffle) {
        if (k < 2) {
            throw new IllegalArgumentException("StratifiedKFold: need at least 2 folds, got " + k);
        }
        this.k = k;
        this.shuffle = shuffle;
    }

    /** The number of folds. */
    public int k() {
        return k;
    }

    /**
     * The {@code k} folds of the examples of {@code labels} ({@code [N]}, one whole-number class
     * per example), in order; a shuffled StratifiedKFold draws anew each call.
     */
    public List<Fold> split(Tensor labels) {
        int[] classes = ClassLabels.of(labels, "StratifiedKFold");
        List<ClassLabels.Group> groups = ClassLabels.groups(classes);
        for (ClassLabels.Group group : groups) {
            if (group.members().length < k) {
                throw new IllegalArgumentException("StratifiedKFold: class " + group.label() + " has only "
                        + group.members().length + " example(s), fewer than the " + k + " folds; every fold needs"
                        + " one of each class: use at most " + group.members().length + " folds or drop the class");
            }
        }
        int[] foldOf = new int[classes.length];
        int dealt = 0;
        for (ClassLabels.Group group : groups) {
            int[] members = group.members();
            int[] folds = new int[members.length];
            for (int fold = 0, next = 0; fold < k; fold++) {
                // this class holds positions dealt .. dealt + length - 1 of the sorted labels,
                // and fold f receives the positions p with p % k == f
                int count = (dealt + members.length - fold + k - 1) / k - (dealt - fold + k - 1) / k;
                for (int i = 0; i < count; i++) {
                    folds[next++] = fold;
                }
            }
            if (shuffle != null) {
                Indices.shuffle(folds, shuffle);
            }
            for (int i = 0; i < members.length; i++) {
                foldOf[members[i]] = folds[i];
            }
            dealt += members.length;
        }
        return KFold.folds(foldOf, k);
    }

    @Override
    public String toString() {
        return "StratifiedKFold(k=" + k + (shuffle == null ? ")" : ", shuffled)");
    }
}
