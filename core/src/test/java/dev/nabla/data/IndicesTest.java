package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IndicesTest {

    @Test
    void shufflingARangeDrawsTensorPermutation() {
        int[] shuffled = Indices.shuffle(Indices.range(0, 50), new Generator(17));

        assertArrayEquals(SplitFixtures.ints(Tensor.permutation(new Generator(17), 50)), shuffled);
    }

    @Test
    void rangesAndSortedParts() {
        assertArrayEquals(new int[] {3, 4, 5}, Indices.range(3, 6));
        assertArrayEquals(new int[] {1, 7}, Indices.sortedRange(new int[] {9, 7, 1, 0}, 1, 3));
    }
}
