package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The scikit-learn references of {@code fixtures/splits.safetensors}, written by
 * {@code fixtures/generate_splits.py} (whose docstring lists the label sets and cases), and the
 * checks the split tests share.
 */
final class SplitFixtures {

    /** The label sets of the fixture. */
    static final List<String> SETS = List.of("imbalanced3", "binary90", "uneven4");

    private SplitFixtures() {
    }

    /** The case holding a set's labels and class weights. */
    static TorchFixture set(String name) {
        return TorchFixture.load("splits", name);
    }

    /** The cases {@code SET/KIND_*} of every set, e.g. {@code cases("kfold_")}. */
    static List<TorchFixture> cases(String kind) {
        return SETS.stream().flatMap(set -> TorchFixture.cases("splits", set + "/" + kind).stream()).toList();
    }

    /** The labels of the set a case belongs to. */
    static Tensor labelsOf(TorchFixture fixture) {
        return set(fixture.name().substring(0, fixture.name().indexOf('/'))).tensor("labels");
    }

    /** The values of an integral tensor. */
    static int[] ints(Tensor t) {
        float[] values = t.toFloatArray();
        return IntStream.range(0, values.length).map(i -> (int) values[i]).toArray();
    }

    /** How many of the examples at {@code positions} have each label in {@code [0, classes)}. */
    static int[] classCounts(int[] labels, int[] positions, int classes) {
        int[] counts = new int[classes];
        for (int position : positions) {
            counts[labels[position]]++;
        }
        return counts;
    }

    /** Every position in {@code [0, size)} is in exactly one part, and each part is ascending. */
    static void assertPartition(int size, int[]... parts) {
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, size).toArray(), all, "every example in exactly one part");
        for (int[] part : parts) {
            for (int i = 1; i < part.length; i++) {
                assertTrue(part[i - 1] < part[i], "positions ascending: " + Arrays.toString(part));
            }
        }
    }

    /** Each class's count in the part is its exact share {@code count · partSize / size}, rounded down or up. */
    static void assertProportional(int[] labels, int[] part, int classes, String what) {
        int[] all = classCounts(labels, IntStream.range(0, labels.length).toArray(), classes);
        int[] counts = classCounts(labels, part, classes);
        for (int c = 0; c < classes; c++) {
            double exact = (double) all[c] * part.length / labels.length;
            assertTrue(Math.abs(counts[c] - exact) < 1, what + ": class " + c + " has " + counts[c]
                    + " examples, exact share " + exact);
        }
    }
}
