package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.Arrays;

/** Small helpers on arrays of example positions, shared by the splits and the resamplers. */
final class Indices {

    private Indices() {
    }

    /** {@code start, start + 1, ..., end - 1}. */
    static int[] range(int start, int end) {
        int[] range = new int[end - start];
        for (int i = 0; i < range.length; i++) {
            range[i] = start + i;
        }
        return range;
    }

    /**
     * Shuffles in place (Fisher–Yates, the same draws as {@code Tensor.permutation}, so
     * {@code shuffle(range(0, n), g)} equals {@code Tensor.permutation(g, n)}).
     */
    static int[] shuffle(int[] values, Generator generator) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    /** {@code values[start, end)}, sorted ascending. */
    static int[] sortedRange(int[] values, int start, int end) {
        int[] part = Arrays.copyOfRange(values, start, end);
        Arrays.sort(part);
        return part;
    }
}
