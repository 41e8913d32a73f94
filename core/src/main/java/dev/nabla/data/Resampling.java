package dev.nabla.data;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Random over- and undersampling of an imbalanced data set (imbalanced-learn's
 * {@code RandomOverSampler} and {@code RandomUnderSampler}): a view of the data set in which
 * every class has as many examples as the largest class (oversampling: each smaller class keeps
 * all its examples and repeats some, drawn with replacement) or as the smallest
 * (undersampling: each larger class keeps a random selection, drawn without replacement).
 *
 * <pre>{@code
 * Dataset balanced = Resampling.oversample(train, train.targets(), new Generator(7));
 * model.fit(balanced, FitOptions.defaults().epochs(10));
 * }</pre>
 *
 * <p>The draw is made once; a {@link DataLoader} then visits the same resampled examples each
 * epoch, in a new order if it shuffles. Resample again for a fresh draw. Positions are listed
 * ascending, so repeats of an example sit together until shuffled. Labels are one whole number
 * per example ({@code [N]}); only the classes present count.
 */
public final class Resampling {

    private Resampling() {
    }

    /** The examples of {@code data} with every class repeated up to the largest class's count. */
    public static Subset oversample(Dataset data, Tensor labels, Generator generator) {
        return new Subset(data, oversampleIndices(matching(data, labels, "oversample"), generator));
    }

    /** The examples of {@code data} with every class of fewer than {@code target} examples repeated up to it. */
    public static Subset oversample(Dataset data, Tensor labels, int target, Generator generator) {
        return new Subset(data, oversampleIndices(matching(data, labels, "oversample"), target, generator));
    }

    /** The examples of {@code data} with every class cut down to the smallest class's count. */
    public static Subset undersample(Dataset data, Tensor labels, Generator generator) {
        return new Subset(data, undersampleIndices(matching(data, labels, "undersample"), generator));
    }

    /** The examples of {@code data} with every class of more than {@code target} examples cut down to it. */
    public static Subset undersample(Dataset data, Tensor labels, int target, Generator generator) {
        return new Subset(data, undersampleIndices(matching(data, labels, "undersample"), target, generator));
    }

    /** The positions {@link #oversample(Dataset, Tensor, Generator)} keeps, ascending. */
    public static int[] oversampleIndices(Tensor labels, Generator generator) {
        List<ClassLabels.Group> groups = groups(labels, "oversampleIndices");
        return resample(groups, Arrays.stream(ClassLabels.counts(groups)).max().orElseThrow(), true, generator);
    }

    /** The positions {@link #oversample(Dataset, Tensor, int, Generator)} keeps, ascending. */
    public static int[] oversampleIndices(Tensor labels, int target, Generator generator) {
        return resample(groups(labels, "oversampleIndices"), checkTarget(target, "oversampleIndices"), true,
                generator);
    }

    /** The positions {@link #undersample(Dataset, Tensor, Generator)} keeps, ascending. */
    public static int[] undersampleIndices(Tensor labels, Generator generator) {
        List<ClassLabels.Group> groups = groups(labels, "undersampleIndices");
        return resample(groups, Arrays.stream(ClassLabels.counts(groups)).min().orElseThrow(), false, generator);
    }

    /** The positions {@link #undersample(Dataset, Tensor, int, Generator)} keeps, ascending. */
    public static int[] undersampleIndices(Tensor labels, int target, Generator generator) {
        return resample(groups(labels, "undersampleIndices"), checkTarget(target, "undersampleIndices"), false,
                generator);
    }

    /** Oversampling tops each class up to {@code target}; undersampling cuts each down to it. */
    private static int[] resample(List<ClassLabels.Group> groups, int target, boolean over, Generator generator) {
        if (generator == null) {
            throw new IllegalArgumentException("Resampling: the examples are drawn at random; give it a generator");
        }
        int total = 0;
        for (ClassLabels.Group group : groups) {
            int count = group.members().length;
            total += over ? Math.max(count, target) : Math.min(count, target);
        }
        int[] kept = new int[total];
        int next = 0;
        for (ClassLabels.Group group : groups) {
            int[] members = group.members();
            if (over) {
                System.arraycopy(members, 0, kept, next, members.length);
                next += members.length;
                for (int i = members.length; i < target; i++) {
                    kept[next++] = members[generator.nextInt(members.length)];
                }
            } else {
                int count = Math.min(members.length, target);
                System.arraycopy(Indices.shuffle(members.clone(), generator), 0, kept, next, count);
                next += count;
            }
        }
        Arrays.sort(kept);
        return kept;
    }

    private static Tensor matching(Dataset data, Tensor labels, String who) {
        if (data == null || labels == null || labels.rank() == 0 || labels.dim(0) != data.size()) {
            throw new IllegalArgumentException("Resampling." + who + ": need one label per example: "
                    + (data == null ? "no data set" : data.size() + " examples") + " but labels of shape "
                    + (labels == null ? "null" : labels.shape()));
        }
        return labels;
    }

    private static List<ClassLabels.Group> groups(Tensor labels, String who) {
        List<ClassLabels.Group> groups = ClassLabels.groups(ClassLabels.of(labels, "Resampling." + who));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("Resampling." + who + ": there are no labels to resample");
        }
        return groups;
    }

    private static int checkTarget(int target, String who) {
        if (target < 1) {
            throw new IllegalArgumentException("Resampling." + who + ": the target count per class must be at least"
                    + " 1, got " + target);
        }
        return target;
    }
}
