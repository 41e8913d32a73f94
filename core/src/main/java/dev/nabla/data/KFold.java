package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * k-fold cross-validation (scikit-learn's {@code KFold}): the examples are cut into {@code k}
 * folds and each fold validates once while the other {@code k − 1} train. Fold sizes are
 * scikit-learn's: of {@code n} examples, the first {@code n % k} folds hold {@code n / k + 1},
 * the others {@code n / k}. Unshuffled, fold {@code i} is a run of consecutive positions, exactly
 * as in scikit-learn; shuffled, the runs are cut from a permutation drawn from the generator
 * (not NumPy's, so other examples than scikit-learn's). Positions are listed ascending.
 *
 * <pre>{@code
 * for (Fold fold : new KFold(5, new Generator(42)).split(data.size())) {
 *     Model model = newModel();
 *     model.fit(fold.train(data), FitOptions.defaults().epochs(10));
 *     scores.add(model.evaluate(fold.validation(data), 32));
 * }
 * }</pre>
 */
public final class KFold {

    private final int k;
    private final Generator shuffle;

    /** {@code k} folds of consecutive examples. */
    public KFold(int k) {
        this(k, null);
    }

    /**
     * {@code k} (at least 2) folds of examples in a random order drawn from {@code shuffle} at
     * each {@link #split}, or of consecutive examples when it is null.
     */
    public KFold(int k, Generator shuffle) {
        if (k < 2) {
            throw new IllegalArgumentException("KFold: need at least 2 folds, got " + k);
        }
        this.k = k;
        this.shuffle = shuffle;
    }

    /** The number of folds. */
    public int k() {
        return k;
    }

    /** The {@code k} folds of {@code size} examples, in order; a shuffled KFold draws a new order each call. */
    public List<Fold> split(int size) {
        if (k > size) {
            throw new IllegalArgumentException("KFold: cannot cut " + size + " examples into " + k
                    + " folds; use at most " + size + " folds");
        }
        int[] order = Indices.range(0, size);
        if (shuffle != null) {
            Indices.shuffle(order, shuffle);
        }
        int[] foldOf = new int[size];
        for (int fold = 0, start = 0; fold < k; fold++) {
            int end = start + size / k + (fold < size % k ? 1 : 0);
            for (int i = start; i < end; i++) {
                foldOf[order[i]] = fold;
            }
            start = end;
        }
        return folds(foldOf, k);
    }

    /** The folds given the validation fold of each example: positions ascending. */
    static List<Fold> folds(int[] foldOf, int k) {
        int[] sizes = new int[k];
        for (int fold : foldOf) {
            sizes[fold]++;
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            int[] train = new int[foldOf.length - sizes[fold]];
            int[] validation = new int[sizes[fold]];
            for (int i = 0, t = 0, v = 0; i < foldOf.length; i++) {
                if (foldOf[i] == fold) {
                    validation[v++] = i;
                } else {
                    train[t++] = i;
                }
            }
            folds.add(new Fold(fold, train, validation));
        }
        return folds;
    }

    @Override
    public String toString() {
        return "KFold(k=" + k + (shuffle == null ? ")" : ", shuffled)");
    }
}
