package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Forward values of index ops; expected arrays were printed by PyTorch on the same inputs. */
class IndexingTest {

    /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]. */
    private static Tensor matrix() {
        return Tensor.arange(0f, 12f, 1f).reshape(3, 4);
    }

    private static Tensor index(float[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    private static void assertResult(int[] shape, float[] values, Tensor actual) {
        assertArrayEquals(shape, actual.shape().toArray());
        assertArrayEquals(values, actual.toFloatArray());
    }

    // ------------------------------------------------------------ gather

    @Test
    void gatherAlongTheLastAxisPicksWithinEachRow() {
        Tensor g = matrix().gather(1, index(new float[] {0, 3, 2, 2, 1, 0}, 3, 2));
        assertResult(new int[] {3, 2}, new float[] {0, 3, 6, 6, 9, 8}, g);
    }

    @Test
    void gatherAlongTheFirstAxisPicksWithinEachColumn() {
        Tensor g = matrix().gather(0, index(new float[] {2, 0, 1, 1}, 1, 4));
        assertResult(new int[] {1, 4}, new float[] {8, 1, 6, 7}, g);
        Tensor labels = Tensor.arange(3).reshape(3, 1);
        assertResult(new int[] {3, 1}, new float[] {0, 5, 10}, matrix().gather(-1, labels));
    }

    @Test
    void gatherReadsNonContiguousInputAndKeepsTheDtype() {
        Tensor t = matrix().transpose(0, 1);
        assertResult(new int[] {2, 1}, new float[] {8, 5}, t.gather(1, index(new float[] {2, 1}, 2, 1)));
        Tensor ids = Tensor.arange(6).reshape(2, 3);
        assertEquals(DType.INT32, ids.gather(1, index(new float[] {0, 0}, 2, 1)).dtype());
    }

    @Test
    void gatherRejectsAnOutOfRangeIndex() {
        var e = assertThrows(IndexOutOfBoundsException.class,
                () -> matrix().gather(1, index(new float[] {0, 4}, 1, 2)));
        assertEquals("gather: index 4 at flat position 1 is out of range for dimension 1 of [3, 4] of size 4",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> matrix().gather(1, index(new float[] {-1}, 1, 1)));
        var frac = assertThrows(IllegalArgumentException.class,
                () -> matrix().gather(1, index(new float[] {0.5f}, 1, 1)));
        assertEquals("gather: index value 0.5 at flat position 0 is not an integer", frac.getMessage());
    }

    // ------------------------------------------------------------ indexSelect

    @Test
    void indexSelectTakesWholeSlicesInTheGivenOrder() {
        assertResult(new int[] {3, 4}, new float[] {8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11},
                matrix().indexSelect(0, 2, 0, 2));
        assertResult(new int[] {3, 2}, new float[] {3, 1, 7, 5, 11, 9}, matrix().indexSelect(1, 3, 1));
        assertResult(new int[] {3, 2}, new float[] {3, 1, 7, 5, 11, 9},
                matrix().indexSelect(-1, Tensor.of(3f, 1f)));
        assertResult(new int[] {0, 4}, new float[0], matrix().indexSelect(0));
        assertResult(new int[] {2, 3}, new float[] {1, 5, 9, 2, 6, 10},
                matrix().transpose(0, 1).indexSelect(0, 1, 2));
    }

    @Test
    void indexSelectOfAMiddleAxis() {
        Tensor t = Tensor.arange(0f, 24f, 1f).reshape(2, 3, 4);
        Tensor s = t.indexSelect(1, 2, 2);
        assertResult(new int[] {2, 2, 4}, new float[] {8, 9, 10, 11, 8, 9, 10, 11, 20, 21, 22, 23, 20, 21, 22, 23}, s);
    }

    @Test
    void indexSelectRejectsBadIndices() {
        var e = assertThrows(IndexOutOfBoundsException.class, () -> matrix().indexSelect(0, 3));
        assertEquals("indexSelect: index 3 at flat position 0 is out of range for dimension 0 of [3, 4] of size 3",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> matrix().indexSelect(0, -1));
        var rank = assertThrows(IllegalArgumentException.class,
                () -> matrix().indexSelect(0, Tensor.zeros(1, 1)));
        assertEquals("indexSelect: the index must be 1-d, got shape [1, 1] to select from a tensor of shape [3, 4]",
                rank.getMessage());
    }

    // ------------------------------------------------------------ scatterAdd

    @Test
    void scatterAddAccumulatesRepeatedPositions() {
        Tensor out = Tensor.zeros(2, 4).scatterAdd(1, index(new float[] {0, 1, 0, 3, 3, 3}, 2, 3),
                Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertResult(new int[] {2, 4}, new float[] {4, 2, 0, 0, 0, 0, 0, 15}, out);
    }

    @Test
    void scatterAddAlongTheFirstAxisAddsToACopy() {
        Tensor base = Tensor.ones(3, 2);
        Tensor source = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor out = base.scatterAdd(0, index(new float[] {2, 0, 2, 2}, 2, 2), source);
        assertResult(new int[] {3, 2}, new float[] {1, 3, 1, 1, 5, 5}, out);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, base.toFloatArray());
    }

    @Test
    void scatterAddUndoesGather() {
        Tensor idx = index(new float[] {3, 0, 1}, 3, 1);
        Tensor picked = matrix().gather(1, idx);
        Tensor placed = Tensor.zeros(3, 4).scatterAdd(1, idx, picked);
        assertResult(new int[] {3, 4}, new float[] {0, 0, 0, 3, 4, 0, 0, 0, 0, 9, 0, 0}, placed);
    }

    @Test
    void scatterAddRejectsMismatchedShapesAndIndices() {
        var shape = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 4)
                .scatterAdd(1, index(new float[] {0, 1}, 2, 1), Tensor.ones(2, 2)));
        assertEquals("scatterAdd: source shape [2, 2] must equal the index shape [2, 1]", shape.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 4)
                .scatterAdd(1, index(new float[] {0, 4}, 2, 1), Tensor.ones(2, 1)));
        var big = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 4)
                .scatterAdd(1, Tensor.zeros(3, 1), Tensor.ones(3, 1)));
        assertEquals("scatterAdd: index of shape [3, 1] is larger than the tensor of shape [2, 4] in dimension 0",
                big.getMessage());
    }

    // ------------------------------------------------------------ oneHot, maskedFill

    @Test
    void oneHotAddsAClassDimension() {
        Tensor labels = Tensor.of(new float[] {0, 2, 1, 1}, 2, 2);
        Tensor h = labels.oneHot(3);
        assertResult(new int[] {2, 2, 3}, new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0}, h);
        assertEquals(DType.INT32, h.dtype());
        assertResult(new int[] {4}, new float[] {0, 0, 1, 0}, Tensor.scalar(2f).oneHot(4));
        assertResult(new int[] {0, 5}, new float[0], Tensor.zeros(0).oneHot(5));
    }

    @Test
    void oneHotRejectsLabelsOutsideTheClasses() {
        var e = assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(0f, 3f).oneHot(3));
        assertEquals("oneHot: index 3 at flat position 1 is out of range for numClasses of size 3", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(-1f).oneHot(3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(0f).oneHot(0));
    }

    @Test
    void maskedFillReplacesWhereTheMaskIsNonzero() {
        Tensor mask = Tensor.of(1f, 0f, 1f, 0f);
        assertResult(new int[] {3, 4}, new float[] {-1, 1, -1, 3, -1, 5, -1, 7, -1, 9, -1, 11},
                matrix().maskedFill(mask, -1f));
        Tensor causal = Tensor.of(new float[] {0, 1, 0, 0}, 2, 2);
        assertResult(new int[] {2, 2}, new float[] {1, Float.NEGATIVE_INFINITY, 1, 1},
                Tensor.ones(2, 2).maskedFill(causal, Float.NEGATIVE_INFINITY));
    }

    @Test
    void maskedFillRejectsAMaskThatWouldGrowTheTensor() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).maskedFill(Tensor.zeros(2, 4), 1f));
        assertEquals("maskedFill: a mask of shape [2, 4] does not broadcast to the tensor's shape [4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).maskedFill(Tensor.zeros(3), 1f));
    }
}
