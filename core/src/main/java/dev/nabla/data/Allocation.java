package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How many examples of each class go to each part of a stratified split: class {@code c}
 * with {@code counts[c]} of the {@code n} examples gives part {@code j} (of {@code sizes[j]}
 * examples) its exact share {@code counts[c] · sizes[j] / n}, rounded down or up, so that
 * every class is shared out whole and every part gets exactly its size.
 *
 * <p>Largest remainders are rounded up first, ties broken at random (scikit-learn's
 * {@code _approximate_mode}); for two parts this is exactly scikit-learn's stratified
 * train/test allocation. With three or more parts the greedy pass can paint itself into a
 * corner (a class whose remaining parts are full); an augmenting path then moves round-ups
 * between classes. Such a rounding always exists: the exact shares are a fractional one,
 * and transportation problems have integral solutions wherever they have fractional ones.
 */
final class Allocation {

    private Allocation() {
    }

    /** {@code [classes][parts]} counts; {@code counts} and {@code sizes} have the same sum. */
    static int[][] allocate(int[] counts, int[] sizes, Generator generator) {
        long n = Arrays.stream(counts).asLongStream().sum();
        int classes = counts.length;
        int parts = sizes.length;
        int[][] shares = new int[classes][parts];
        long[][] remainders = new long[classes][parts];
        int[] classNeeds = counts.clone();
        int[] partNeeds = sizes.clone();
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < parts; j++) {
                long exact = (long) counts[c] * sizes[j];
                shares[c][j] = (int) (exact / n);
                remainders[c][j] = exact % n;
                classNeeds[c] -= shares[c][j];
                partNeeds[j] -= shares[c][j];
            }
        }
        boolean[][] roundedUp = new boolean[classes][parts];
        int[] cells = Indices.shuffle(IntStream.range(0, classes * parts).toArray(), generator);
        Integer[] order = Arrays.stream(cells).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong(cell -> -remainders[cell / parts][cell % parts]));
        for (int cell : order) {
            int c = cell / parts;
            int j = cell % parts;
            if (remainders[c][j] > 0 && classNeeds[c] > 0 && partNeeds[j] > 0) {
                roundedUp[c][j] = true;
                classNeeds[c]--;
                partNeeds[j]--;
            }
        }
        for (int c = 0; c < classes; c++) {
            while (classNeeds[c] > 0) {
                int j = augment(c, remainders, roundedUp, partNeeds);
                classNeeds[c]--;
                partNeeds[j]--;
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < parts; j++) {
                shares[c][j] += roundedUp[c][j] ? 1 : 0;
            }
        }
        return shares;
    }

    /**
     * Rounds up one more share of class {@code start}: a breadth-first search for a part that
     * still needs an example, reached by rounding up (class, part) cells not yet rounded up and
     * passing a part on from a class that rounded it up to another of that class's cells.
     * Returns the part that received the example.
     */
    private static int augment(int start, long[][] remainders, boolean[][] roundedUp, int[] partNeeds) {
        int classes = roundedUp.length;
        int parts = partNeeds.length;
        int[] classOfPart = new int[parts];
        int[] partGivenUp = new int[classes];
        Arrays.fill(classOfPart, -1);
        Arrays.fill(partGivenUp, -1);
        partGivenUp[start] = parts;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int c = queue.poll();
            for (int j = 0; j < parts; j++) {
                if (remainders[c][j] == 0 || roundedUp[c][j] || classOfPart[j] >= 0) {
                    continue;
                }
                classOfPart[j] = c;
                if (partNeeds[j] > 0) {
                    for (int part = j, taker = c; ; taker = classOfPart[part]) {
                        roundedUp[taker][part] = true;
                        int given = partGivenUp[taker];
                        if (taker == start) {
                            return j;
                        }
                        roundedUp[taker][given] = false;
                        part = given;
                    }
                }
                for (int other = 0; other < classes; other++) {
                    if (roundedUp[other][j] && partGivenUp[other] < 0) {
                        partGivenUp[other] = j;
                        queue.add(other);
                    }
                }
            }
        }
        throw new IllegalStateException("Allocation: no rounding of the class shares fits the part sizes"
                + " (a bug: one always exists)");
    }
}
