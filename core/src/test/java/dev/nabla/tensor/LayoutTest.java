package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Element access through strides: toFloatArray, get, item, allClose, assign. */
class LayoutTest {

    private static Tensor matrix() {
        return Tensor.arange(0f, 12f, 1f).reshape(3, 4);
    }

    @Test
    void toFloatArrayReadsRowMajorOrderThroughAnyStrides() {
        Tensor m = matrix();
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, m.transpose(0, 1).toFloatArray());
        assertArrayEquals(new float[] {1, 3, 9, 11}, m.slice(0, 0, 3, 2).slice(1, 1, 4, 2).toFloatArray());
        assertArrayEquals(new float[] {5, 6, 7, 5, 6, 7}, m.slice(0, 1, 2).slice(1, 1, 4).expand(2, 3).toFloatArray());
        Tensor cube = Tensor.arange(0f, 24f, 1f).reshape(2, 3, 4).permute(2, 0, 1);
        assertEquals(12f, cube.get(0, 1, 0));
        assertArrayEquals(new float[] {0, 4, 8, 12, 16, 20}, cube.slice(0, 0, 1).toFloatArray());
    }

    @Test
    void toFloatArrayIsACopy() {
        Tensor m = matrix();
        m.toFloatArray()[0] = 99f;
        assertEquals(0f, m.get(0, 0));
    }

    @Test
    void toFloatArrayOfEmptyAndScalarTensors() {
        assertEquals(0, Tensor.zeros(3, 0).transpose(0, 1).toFloatArray().length);
        assertArrayEquals(new float[] {4f}, Tensor.scalar(4f).toFloatArray());
    }

    @Test
    void getTakesOneIndexPerDimensionAndNegativeIndicesCountFromTheEnd() {
        Tensor m = matrix();
        assertEquals(6f, m.get(1, 2));
        assertEquals(11f, m.get(-1, -1));
        assertEquals(8f, m.get(-1, 0));
        assertEquals(9f, m.transpose(0, 1).get(1, 2));
        assertEquals(7f, Tensor.scalar(7f).get());
    }

    @Test
    void getOutOfBoundsNamesTheIndexAndShape() {
        Tensor m = matrix();
        var e = assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0));
        assertEquals("get: index [3, 0] is out of bounds for shape [3, 4]", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, -5));
        var rank = assertThrows(IllegalArgumentException.class, () -> m.get(1));
        assertEquals("get: 1 indices for a tensor of rank 2 (shape [3, 4])", rank.getMessage());
    }

    @Test
    void itemReadsTheOnlyElementOfAnyRank() {
        assertEquals(2.5f, Tensor.scalar(2.5f).item());
        assertEquals(5f, Tensor.of(5f).item());
        assertEquals(6f, matrix().slice(0, 1, 2).slice(1, 2, 3).item());
        var e = assertThrows(IllegalStateException.class, () -> matrix().item());
        assertEquals("item: only a one-element tensor has an item, this one has shape [3, 4]", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(0).item());
    }

    @Test
    void isContiguousFollowsTheStrides() {
        Tensor m = matrix();
        assertTrue(m.isContiguous());
        assertFalse(m.transpose(0, 1).isContiguous());
        assertTrue(m.slice(0, 1, 3).isContiguous());
        assertFalse(m.slice(1, 1, 3).isContiguous());
        assertTrue(m.slice(1, 1, 2).slice(0, 0, 1).isContiguous());
    }

    @Test
    void allCloseUsesRelativeAndAbsoluteTolerance() {
        Tensor a = Tensor.of(1f, 100f);
        assertTrue(a.allClose(Tensor.of(1f, 100f)));
        assertTrue(a.allClose(Tensor.of(1.000001f, 100.0005f)));
        assertFalse(a.allClose(Tensor.of(1.0001f, 100f)));
        assertTrue(a.allClose(Tensor.of(1.0001f, 100f), 1e-3f, 0f));
        assertTrue(Tensor.of(0f).allClose(Tensor.of(0.05f), 0f, 0.1f));
        assertFalse(Tensor.of(0f).allClose(Tensor.of(0.05f), 0f, 0.01f));
    }

    @Test
    void allCloseBroadcastsAndTreatsNanAsUnequal() {
        assertTrue(Tensor.full(2f, 2, 3).allClose(Tensor.scalar(2f)));
        assertFalse(Tensor.of(Float.NaN).allClose(Tensor.of(Float.NaN)));
        assertTrue(Tensor.of(Float.POSITIVE_INFINITY).allClose(Tensor.of(Float.POSITIVE_INFINITY)));
        assertFalse(Tensor.of(Float.POSITIVE_INFINITY).allClose(Tensor.of(Float.NEGATIVE_INFINITY)));
        assertFalse(Tensor.of(1f).allClose(Tensor.of(Float.POSITIVE_INFINITY)));
        assertFalse(Tensor.of(Float.NEGATIVE_INFINITY).allClose(Tensor.of(1f)));
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).allClose(Tensor.zeros(3)));
        assertTrue(e.getMessage().startsWith("allClose: shapes [2] and [3] cannot be broadcast"), e.getMessage());
    }

    @Test
    void assignWritesInPlaceIntoSharedStorage() {
        Tensor m = Tensor.zeros(2, 3);
        Tensor alias = m.reshape(6);
        m.assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, alias.toFloatArray());
    }

    @Test
    void assignBroadcastsTheValue() {
        Tensor m = Tensor.zeros(2, 3);
        m.assign(Tensor.of(7f, 8f, 9f));
        assertArrayEquals(new float[] {7, 8, 9, 7, 8, 9}, m.toFloatArray());
        m.assign(Tensor.scalar(1f));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, m.toFloatArray());
    }

    @Test
    void assignIntoANonContiguousViewWritesOnlyThoseElements() {
        Tensor m = Tensor.zeros(3, 4);
        m.slice(1, 1, 4, 2).assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertArrayEquals(new float[] {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6}, m.toFloatArray());
        Tensor t = Tensor.zeros(2, 2);
        t.transpose(0, 1).assign(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        assertArrayEquals(new float[] {1, 3, 2, 4}, t.toFloatArray());
    }

    @Test
    void assignRejectsAValueThatDoesNotFit() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).assign(Tensor.zeros(2, 3)));
        assertEquals("assign: a value of shape [2, 3] does not fit a tensor of shape [3]", e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).assign(Tensor.zeros(4)));
        assertTrue(b.getMessage().startsWith("assign: shapes [3] and [4] cannot be broadcast"), b.getMessage());
    }

    @Test
    void assignIntoAnExpandedViewIsRejected() {
        Tensor row = Tensor.zeros(1, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> row.expand(2, 3).assign(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));
        assertEquals("assign: this tensor of shape [2, 3] is an expanded view whose elements share storage;"
                + " assign to a contiguous() copy instead", e.getMessage());
        row.expand(1, 3).assign(Tensor.of(1f, 2f, 3f));
        assertArrayEquals(new float[] {1, 2, 3}, row.toFloatArray());
    }

    @Test
    void assignToATensorThatRequiresGradNeedsNoGrad() {
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> w.assign(Tensor.ones(2)));
        assertTrue(e.getMessage().contains("NoGrad"), e.getMessage());
        try (NoGrad ignored = NoGrad.enter()) {
            w.assign(Tensor.ones(2));
        }
        assertArrayEquals(new float[] {1, 1}, w.toFloatArray());
    }
}
