package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Padding values; every expected array was printed by PyTorch's {@code F.pad} on the same input. */
class PaddingTest {

    /** [[[0, 1, 2], [3, 4, 5]]]. */
    private static Tensor rows() {
        return Tensor.arange(0f, 6f, 1f).reshape(1, 2, 3);
    }

    /** A 1×1×3×3 image holding 0..8. */
    private static Tensor image() {
        return Tensor.arange(0f, 9f, 1f).reshape(1, 1, 3, 3);
    }

    private static void assertPadded(int[] shape, float[] values, Tensor actual) {
        assertArrayEquals(shape, actual.shape().toArray());
        assertArrayEquals(values, actual.toFloatArray());
    }

    @Test
    void constantZeroPadsTheLastDimension() {
        assertPadded(new int[] {1, 2, 6}, new float[] {0, 0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 0}, rows().pad(1, 2));
    }

    @Test
    void constantPadsInFPadOrderWithAValue() {
        // (left, right) for the last dimension, then (top, bottom) for the one before
        Tensor p = rows().pad(new int[] {1, 0, 0, 1}, PadMode.CONSTANT, -1f);
        assertPadded(new int[] {1, 3, 4}, new float[] {-1, 0, 1, 2, -1, 3, 4, 5, -1, -1, -1, -1}, p);
        Tensor onlyRows = Tensor.arange(0f, 4f, 1f).reshape(2, 2).pad(0, 0, 1, 1);
        assertPadded(new int[] {4, 2}, new float[] {0, 0, 0, 1, 2, 3, 0, 0}, onlyRows);
    }

    @Test
    void constantPadsEveryDimensionAndNonContiguousInput() {
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).transpose(0, 1).pad(1, 1, 1, 1);
        assertPadded(new int[] {4, 4}, new float[] {0, 0, 0, 0, 0, 1, 3, 0, 0, 2, 4, 0, 0, 0, 0, 0}, p);
        assertPadded(new int[] {3}, new float[] {5, 5, 5}, Tensor.zeros(0).pad(new int[] {2, 1}, PadMode.CONSTANT, 5f));
        assertPadded(new int[] {1, 2, 3}, rows().toFloatArray(), rows().pad());
    }

    @Test
    void reflectMirrorsWithoutRepeatingTheEdge() {
        Tensor p = rows().pad(new int[] {2, 1}, PadMode.REFLECT, 0f);
        assertPadded(new int[] {1, 2, 6}, new float[] {2, 1, 0, 1, 2, 1, 5, 4, 3, 4, 5, 4}, p);
    }

    @Test
    void reflectPadsTwoDimensions() {
        Tensor p = image().pad(new int[] {1, 1, 2, 1}, PadMode.REFLECT, 0f);
        assertPadded(new int[] {1, 1, 6, 5}, new float[] {
            7, 6, 7, 8, 7,
            4, 3, 4, 5, 4,
            1, 0, 1, 2, 1,
            4, 3, 4, 5, 4,
            7, 6, 7, 8, 7,
            4, 3, 4, 5, 4}, p);
    }

    @Test
    void replicateRepeatsTheEdge() {
        Tensor p = rows().pad(new int[] {2, 2}, PadMode.REPLICATE, 0f);
        assertPadded(new int[] {1, 2, 7}, new float[] {0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5}, p);
        Tensor q = image().pad(new int[] {0, 1, 1, 0}, PadMode.REPLICATE, 0f);
        assertPadded(new int[] {1, 1, 4, 4}, new float[] {0, 1, 2, 2, 0, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 8}, q);
    }

    @Test
    void replicateAllowsPaddingWiderThanTheInput() {
        Tensor p = Tensor.of(7f).pad(new int[] {2, 3}, PadMode.REPLICATE, 0f);
        assertPadded(new int[] {6}, new float[] {7, 7, 7, 7, 7, 7}, p);
    }

    @Test
    void reflectPaddingMustBeSmallerThanTheDimension() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> rows().pad(new int[] {3, 0}, PadMode.REFLECT, 0f));
        assertEquals("pad: reflect padding (3, 0) must be smaller than the size 3 of dimension 2 of [1, 2, 3]",
                e.getMessage());
    }

    @Test
    void badPaddingListsAreRejected() {
        var odd = assertThrows(IllegalArgumentException.class, () -> rows().pad(1, 2, 3));
        assertTrue(odd.getMessage().startsWith("pad: padding [1, 2, 3] must hold a (before, after) pair"),
                odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).pad(1, 1, 1, 1, 1, 1));
        var negative = assertThrows(IllegalArgumentException.class, () -> rows().pad(-1, 0));
        assertEquals("pad: negative padding [-1, 0] is not supported; use slice() to crop", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 0).pad(new int[] {1, 1}, PadMode.REPLICATE, 0f));
    }
}
