package dev.nabla.data;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Random splits of a data set's examples into train and test (scikit-learn's
 * {@code train_test_split}) or into train, validation and test, as positions; the
 * {@link SplitIndices} give the parts of a data set as views.
 *
 * <pre>{@code
 * SplitIndices parts = Splits.stratifiedTrainValidationTest(data.targets(), 0.15, 0.15, new Generator(42));
 * Dataset train = parts.train(data);            // 70%, each class in proportion
 * Dataset validation = parts.validation(data);  // 15%
 * Dataset test = parts.test(data);              // 15%
 * }</pre>
 *
 * <p><b>Sizes</b> follow scikit-learn's {@code test_size}: a held-out part of fraction
 * {@code f} of {@code n} examples holds {@code ceil(f · n)}, computed in double precision as
 * scikit-learn does (so 0.07 of 100, which is 7.000000000000001, holds out 8); train holds the
 * rest and must not be empty. Each fraction is in (0, 1).
 *
 * <p><b>Stratified</b> splits keep each class's share in every part: a class of {@code n_c}
 * examples gives a part of {@code s} examples {@code n_c · s / n} of them, rounded down or up,
 * never a whole example away from exact (the largest remainders are rounded up first; with
 * three parts a round-up may move between classes so that every part gets exactly its size).
 * For train/test these are scikit-learn's counts ({@code StratifiedShuffleSplit}); where two
 * classes tie for the last round-up, both draw the winner at random. As in scikit-learn, every
 * class needs at least one example per part and every part at least one example per class.
 *
 * <p>Which examples land where is drawn from the generator, not from NumPy's: a seed gives
 * the same split every time, but not the examples scikit-learn picks. Each part lists its
 * positions ascending; let the {@link DataLoader} shuffle them.
 */
public final class Splits {

    private static final String[] TWO_PARTS = {"train", "test"};
    private static final String[] THREE_PARTS = {"train", "validation", "test"};

    private Splits() {
    }

    /**
     * Train and test positions of {@code size} examples, {@code ceil(testFraction · size)} of
     * them to test, drawn from {@code generator}, or when it is null the last ones (scikit-learn's
     * {@code shuffle=False}).
     */
    public static SplitIndices trainTest(int size, double testFraction, Generator generator) {
        return random(sizes("Splits.trainTest", size, TWO_PARTS, testFraction), generator);
    }

    /**
     * Train, validation and test positions of {@code size} examples: {@code ceil(validationFraction
     * · size)} to validate, {@code ceil(testFraction · size)} to test, the rest to train; drawn
     * from {@code generator}, or when it is null in that order (train first).
     */
    public static SplitIndices trainValidationTest(int size, double validationFraction, double testFraction,
                                                   Generator generator) {
        return random(sizes("Splits.trainValidationTest", size, THREE_PARTS, validationFraction, testFraction),
                generator);
    }

    /**
     * A train/test split of the examples of {@code labels} ({@code [N]}, one whole-number class
     * per example) in which every class keeps its share; sizes as {@link #trainTest}.
     */
    public static SplitIndices stratifiedTrainTest(Tensor labels, double testFraction, Generator generator) {
        return stratified("Splits.stratifiedTrainTest", labels, TWO_PARTS, generator, testFraction);
    }

    /** A train/validation/test split in which every class keeps its share; sizes as {@link #trainValidationTest}. */
    public static SplitIndices stratifiedTrainValidationTest(Tensor labels, double validationFraction,
                                                             double testFraction, Generator generator) {
        return stratified("Splits.stratifiedTrainValidationTest", labels, THREE_PARTS, generator,
                validationFraction, testFraction);
    }

    /** The size of each part: the held-out ones {@code ceil(fraction · n)}, train the rest. */
    private static int[] sizes(String who, int n, String[] names, double... heldOutFractions) {
        if (n < 1) {
            throw new IllegalArgumentException(who + ": there are no examples to split (size " + n + ")");
        }
        int[] sizes = new int[heldOutFractions.length + 1];
        sizes[0] = n;
        for (int i = 0; i < heldOutFractions.length; i++) {
            double fraction = heldOutFractions[i];
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException(who + ": the " + names[i + 1] + " fraction must be in (0, 1), got "
                        + fraction);
            }
            sizes[i + 1] = (int) Math.ceil(fraction * n);
            sizes[0] -= sizes[i + 1];
        }
        if (sizes[0] < 1) {
            throw new IllegalArgumentException(who + ": holding out " + (n - sizes[0]) + " of " + n
                    + " examples leaves none to train on; lower the fractions");
        }
        return sizes;
    }

    private static SplitIndices random(int[] sizes, Generator generator) {
        int[] order = Indices.range(0, Arrays.stream(sizes).sum());
        if (generator != null) {
            Indices.shuffle(order, generator);
        }
        int[][] parts = new int[sizes.length][];
        for (int j = 0, start = 0; j < sizes.length; start += sizes[j], j++) {
            parts[j] = Indices.sortedRange(order, start, start + sizes[j]);
        }
        return indices(parts);
    }

    private static SplitIndices stratified(String who, Tensor labels, String[] names, Generator generator,
                                           double... heldOutFractions) {
        if (generator == null) {
            throw new IllegalArgumentException(who + ": a stratified split is drawn at random; give it a generator");
        }
        int[] classes = ClassLabels.of(labels, who);
        List<ClassLabels.Group> groups = ClassLabels.groups(classes);
        int[] sizes = sizes(who, classes.length, names, heldOutFractions);
        for (ClassLabels.Group group : groups) {
            if (group.members().length < sizes.length) {
                throw new IllegalArgumentException(who + ": class " + group.label() + " has only "
                        + group.members().length + " example(s); a stratified split into " + String.join(", ", names)
                        + " needs at least " + sizes.length + " of each class");
            }
        }
        for (int j = 0; j < sizes.length; j++) {
            if (sizes[j] < groups.size()) {
                throw new IllegalArgumentException(who + ": the " + names[j] + " part would hold " + sizes[j]
                        + " examples, fewer than the " + groups.size() + " classes; "
                        + (j == 0 ? "lower the held-out fractions" : "raise the " + names[j] + " fraction"));
            }
        }
        int[][] shares = Allocation.allocate(ClassLabels.counts(groups), sizes, generator);
        int[][] parts = new int[sizes.length][];
        int[] filled = new int[sizes.length];
        for (int j = 0; j < sizes.length; j++) {
            parts[j] = new int[sizes[j]];
        }
        for (int c = 0; c < groups.size(); c++) {
            int[] members = Indices.shuffle(groups.get(c).members().clone(), generator);
            for (int j = 0, next = 0; j < sizes.length; j++) {
                for (int k = 0; k < shares[c][j]; k++) {
                    parts[j][filled[j]++] = members[next++];
                }
            }
        }
        for (int[] part : parts) {
            Arrays.sort(part);
        }
        return indices(parts);
    }

    private static SplitIndices indices(int[][] parts) {
        return parts.length == 2 ? new SplitIndices(parts[0], new int[0], parts[1])
                : new SplitIndices(parts[0], parts[1], parts[2]);
    }
}
