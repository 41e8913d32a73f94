package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AllocationTest {

    @Test
    void everyShareIsTheExactOneRoundedDownOrUpAndTheSumsAreExact() {
        Generator random = new Generator(2024);
        for (int trial = 0; trial < 3000; trial++) {
            int[] counts = new int[1 + random.nextInt(7)];
            for (int c = 0; c < counts.length; c++) {
                counts[c] = 1 + random.nextInt(trial % 2 == 0 ? 9 : 200);
            }
            int n = Arrays.stream(counts).sum();
            int[] sizes = new int[2 + random.nextInt(4)];
            for (int j = 1; j < sizes.length; j++) {
                sizes[j] = random.nextInt(n / sizes.length + 1);
            }
            sizes[0] = n - Arrays.stream(sizes).sum();

            int[][] shares = Allocation.allocate(counts, sizes, new Generator(trial));

            String what = "counts " + Arrays.toString(counts) + ", sizes " + Arrays.toString(sizes);
            for (int c = 0; c < counts.length; c++) {
                assertEquals(counts[c], Arrays.stream(shares[c]).sum(), what);
                for (int j = 0; j < sizes.length; j++) {
                    double exact = (double) counts[c] * sizes[j] / n;
                    assertTrue(shares[c][j] == Math.floor(exact) || shares[c][j] == Math.ceil(exact), what);
                }
            }
            for (int j = 0; j < sizes.length; j++) {
                final int part = j;
                assertEquals(sizes[j], Arrays.stream(shares).mapToInt(row -> row[part]).sum(), what);
            }
        }
    }

    @Test
    void theLargestRemaindersAreRoundedUp() {
        // the exact train shares, 41.94, 20.97 and 9.09 of 72, round up the first two
        int[][] shares = Allocation.allocate(new int[] {60, 30, 13}, new int[] {72, 31}, new Generator(0));

        assertArrayEquals(new int[] {42, 18}, shares[0]);
        assertArrayEquals(new int[] {21, 9}, shares[1]);
        assertArrayEquals(new int[] {9, 4}, shares[2]);
    }

    @Test
    void aClassCorneredByTheGreedyPassStillGetsItsShares() {
        // every share is 2/3: a greedy pass that gives the first two classes parts 0 and 1
        // leaves the third only part 2 for its two examples; an augmenting path repairs that
        for (long seed = 0; seed < 50; seed++) {
            int[][] shares = Allocation.allocate(new int[] {2, 2, 2}, new int[] {2, 2, 2}, new Generator(seed));

            for (int c = 0; c < 3; c++) {
                final int part = c;
                assertEquals(2, Arrays.stream(shares[c]).sum(), Arrays.deepToString(shares));
                assertEquals(2, Arrays.stream(shares).mapToInt(row -> row[part]).sum(), Arrays.deepToString(shares));
                assertTrue(Arrays.stream(shares[c]).allMatch(share -> share <= 1), Arrays.deepToString(shares));
            }
        }
    }

    @Test
    void tiesAreBrokenByTheGenerator() {
        int[] firstClassShares = new int[2];
        for (long seed = 0; seed < 40; seed++) {
            firstClassShares[Allocation.allocate(new int[] {5, 5}, new int[] {5, 5}, new Generator(seed))[0][0] - 2]++;
        }

        assertTrue(firstClassShares[0] > 5 && firstClassShares[1] > 5, Arrays.toString(firstClassShares));
    }
}
