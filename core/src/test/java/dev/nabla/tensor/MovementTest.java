package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Forward values of views and copies that move elements; semantics follow PyTorch. */
class MovementTest {

    private static Tensor range(int n, int... shape) {
        return Tensor.arange(0f, n, 1f).reshape(shape);
    }

    private static void assertValues(float[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toFloatArray());
    }

    private static void assertShape(int[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.shape().toArray());
    }

    // ------------------------------------------------------------ reshape and view

    @Test
    void reshapeKeepsRowMajorOrder() {
        Tensor t = range(6, 2, 3).reshape(3, 2);
        assertShape(new int[] {3, 2}, t);
        assertEquals(2f, t.get(1, 0));
        assertShape(new int[] {}, Tensor.of(5f).reshape());
        assertShape(new int[] {1, 1}, Tensor.scalar(5f).reshape(1, 1));
    }

    @Test
    void reshapeInfersOneSizeFromMinusOne() {
        assertShape(new int[] {3, 4}, range(12, 12).reshape(3, -1));
        assertShape(new int[] {2, 3, 2}, range(12, 12).reshape(2, -1, 2));
        assertShape(new int[] {12}, range(12, 3, 4).reshape(-1));
        assertShape(new int[] {12}, range(12, 3, 4).flatten());
        assertShape(new int[] {0, 3}, Tensor.zeros(0, 3).reshape(-1, 3));
        assertShape(new int[] {3, 0, 5}, Tensor.zeros(0, 3).reshape(3, 0, 5));
    }

    @Test
    void reshapeRejectsImpossibleShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> range(12, 12).reshape(5, -1));
        assertEquals("reshape: shape [5, -1] is invalid for a tensor of shape [12] (12 elements)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> range(12, 12).reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> range(12, 12).reshape(-2, -6));
        // 0 elements: -1 could be anything
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).reshape(0, -1));
    }

    @Test
    void reshapeOfContiguousDataIsAViewAndOfStridedDataACopy() {
        Tensor m = Tensor.zeros(2, 3);
        Tensor flat = m.reshape(6);
        m.assign(range(6, 2, 3));
        assertValues(new float[] {0, 1, 2, 3, 4, 5}, flat);

        Tensor t = range(6, 2, 3).transpose(0, 1);
        Tensor copy = t.reshape(6);
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, copy);
        t.assign(Tensor.zeros(3, 2));
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, copy);
    }

    @Test
    void viewOfANonContiguousTensorSaysToUseReshape() {
        Tensor t = range(6, 2, 3).transpose(0, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> t.view(6));
        assertEquals("view: a tensor of shape [3, 2] with strides [1, 3] is not contiguous; use reshape(),"
                + " which copies", e.getMessage());
        assertShape(new int[] {3, 2}, range(6, 6).view(3, 2));
        assertShape(new int[] {2, 3}, range(6, 6).view(-1, 3));
    }

    @Test
    void flattenMergesARangeOfDimensions() {
        Tensor t = Tensor.zeros(2, 3, 4, 5);
        assertShape(new int[] {2, 12, 5}, t.flatten(1, 2));
        assertShape(new int[] {6, 4, 5}, t.flatten(0, 1));
        assertShape(new int[] {2, 60}, t.flatten(1, -1));
        assertShape(new int[] {2, 3, 4, 5}, t.flatten(2, 2));
        assertShape(new int[] {1}, Tensor.scalar(1f).flatten(0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.flatten(2, 1));
    }

    // ------------------------------------------------------------ permutations

    @Test
    void transposeAndPermuteAreViews() {
        Tensor t = range(24, 2, 3, 4);
        Tensor p = t.permute(2, 0, 1);
        assertShape(new int[] {4, 2, 3}, p);
        assertEquals(t.get(1, 2, 3), p.get(3, 1, 2));
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        Tensor tr = t.transpose(0, -1);
        assertShape(new int[] {4, 3, 2}, tr);
        assertEquals(t.get(1, 0, 2), tr.get(2, 0, 1));
        assertValues(new float[] {0, 12, 4, 16, 8, 20}, t.slice(2, 0, 1).permute(1, 2, 0).reshape(3, 2).transpose(0, 1)
                .transpose(0, 1));
    }

    @Test
    void permuteRejectsRepeatsAndMissingAxes() {
        Tensor t = Tensor.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> t.permute(0));
        var e = assertThrows(IllegalArgumentException.class, () -> t.permute(1, 1));
        assertEquals("permute: axis 1 appears twice in [1, 1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.permute(0, 2));
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor t = Tensor.zeros(1, 3, 1, 2);
        assertShape(new int[] {3, 2}, t.squeeze());
        assertShape(new int[] {3, 1, 2}, t.squeeze(0));
        assertShape(new int[] {1, 3, 2}, t.squeeze(-2));
        var e = assertThrows(IllegalArgumentException.class, () -> t.squeeze(1));
        assertEquals("squeeze: dimension 1 of shape [1, 3, 1, 2] has size 3, not 1", e.getMessage());
        Tensor v = Tensor.of(1f, 2f, 3f);
        assertShape(new int[] {1, 3}, v.unsqueeze(0));
        assertShape(new int[] {3, 1}, v.unsqueeze(1));
        assertShape(new int[] {3, 1}, v.unsqueeze(-1));
        assertShape(new int[] {1, 3}, v.unsqueeze(-2));
        assertShape(new int[] {1}, Tensor.scalar(1f).unsqueeze(0));
        assertThrows(IllegalArgumentException.class, () -> v.unsqueeze(2));
        assertValues(new float[] {1, 2, 3}, v.unsqueeze(1));
    }

    @Test
    void unsqueezeOfAStridedViewKeepsItsElements() {
        Tensor columns = range(12, 3, 4).slice(1, 0, 4, 2);
        assertValues(new float[] {0, 2, 4, 6, 8, 10}, columns.unsqueeze(1));
        assertValues(new float[] {0, 2, 4, 6, 8, 10}, columns.unsqueeze(2).squeeze());
    }

    // ------------------------------------------------------------ expand

    @Test
    void expandRepeatsSizeOneDimensionsWithoutCopying() {
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        Tensor e = column.expand(2, 3);
        assertValues(new float[] {1, 1, 1, 2, 2, 2}, e);
        assertArrayEquals(new int[] {1, 0}, e.strides());
        assertShape(new int[] {4, 2, 3}, column.expand(4, -1, 3));
        assertSame(column, column.expand(2, 1));
        assertShape(new int[] {2, 3}, Tensor.of(1f, 2f, 3f).broadcastTo(Shape.of(2, 3)));
    }

    @Test
    void expandRejectsSizesThatAreNotOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).expand(4, 3, 3));
        assertEquals("expand: cannot expand shape [2, 3] to [4, 3, 3]: dimension 1 has size 2, not 1",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).expand(3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 3).expand(-1, 2, -1));
        var b = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).broadcastTo(Shape.of(3, 1)));
        assertEquals("broadcastTo: shape [2] cannot be broadcast to [3, 1]", b.getMessage());
    }

    // ------------------------------------------------------------ slice

    @Test
    void sliceIsAViewThatSharesStorage() {
        Tensor m = range(12, 3, 4);
        Tensor rows = m.slice(0, 1, 3);
        assertValues(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, rows);
        Tensor col = m.slice(1, 2, 3);
        col.assign(Tensor.full(-1f, 3, 1));
        assertValues(new float[] {0, 1, -1, 3, 4, 5, -1, 7, 8, 9, -1, 11}, m);
        assertValues(new float[] {4, 5, -1, 7, 8, 9, -1, 11}, rows);
    }

    @Test
    void sliceWithAStep() {
        Tensor v = range(10, 10);
        assertValues(new float[] {0, 3, 6, 9}, v.slice(0, 0, 10, 3));
        assertValues(new float[] {1, 3, 5, 7, 9}, v.slice(0, 1, 10, 2));
        assertValues(new float[] {2, 5}, v.slice(0, 2, 7, 3));
        Tensor m = range(12, 3, 4);
        assertValues(new float[] {1, 3, 9, 11}, m.slice(0, 0, 3, 2).slice(1, 1, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> v.slice(0, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> v.slice(0, 10, 0, -1));
    }

    @Test
    void sliceBoundsAreNegativeFromTheEndAndClamped() {
        Tensor v = range(10, 10);
        assertValues(new float[] {7, 8}, v.slice(0, -3, -1));
        assertValues(new float[] {3, 5, 7}, v.slice(0, -7, -2, 2));
        assertValues(new float[] {8, 9}, v.slice(0, 8, 100));
        assertValues(new float[] {0, 1}, v.slice(0, -100, 2));
        assertEquals(0, v.slice(0, 8, 2).size());
        assertEquals(0, v.slice(0, 20, 30).size());
        assertShape(new int[] {3, 0}, range(12, 3, 4).slice(1, 2, 2));
    }

    @Test
    void sliceOfASliceOffsetsCorrectly() {
        Tensor v = range(20, 20).slice(0, 5, 15).slice(0, 2, 8, 3);
        assertValues(new float[] {7, 10}, v);
        assertValues(new float[] {13, 14}, range(20, 20).slice(0, 10, 20).slice(0, -7, -5));
    }

    // ------------------------------------------------------------ concat, stack, split, chunk

    @Test
    void concatJoinsAlongAnExistingAxis() {
        Tensor a = range(6, 2, 3);
        Tensor b = Tensor.full(9f, 1, 3);
        Tensor rows = Tensor.concat(0, a, b);
        assertShape(new int[] {3, 3}, rows);
        assertValues(new float[] {0, 1, 2, 3, 4, 5, 9, 9, 9}, rows);
        Tensor cols = Tensor.concat(-1, a, Tensor.full(7f, 2, 1), a);
        assertShape(new int[] {2, 7}, cols);
        assertValues(new float[] {0, 1, 2, 7, 0, 1, 2, 3, 4, 5, 7, 3, 4, 5}, cols);
        assertShape(new int[] {2, 3}, Tensor.concat(0, Tensor.zeros(0, 3), a));
        assertValues(new float[] {0, 3, 1, 4, 2, 5, 1, 1}, Tensor.concat(0, a.transpose(0, 1), Tensor.ones(1, 2)));
    }

    @Test
    void concatAndStackKeepAnIntegerDtype() {
        assertEquals(DType.INT32, Tensor.concat(0, Tensor.arange(3), Tensor.arange(2)).dtype());
        assertEquals(DType.INT32, Tensor.stack(0, Tensor.arange(3), Tensor.arange(3)).dtype());
        assertEquals(DType.FLOAT32, Tensor.concat(0, Tensor.arange(3), Tensor.ones(2)).dtype());
    }

    @Test
    void stackJoinsAlongANewAxis() {
        Tensor a = Tensor.of(1f, 2f, 3f);
        Tensor b = Tensor.of(4f, 5f, 6f);
        Tensor s0 = Tensor.stack(0, a, b);
        assertShape(new int[] {2, 3}, s0);
        assertValues(new float[] {1, 2, 3, 4, 5, 6}, s0);
        Tensor s1 = Tensor.stack(1, a, b);
        assertShape(new int[] {3, 2}, s1);
        assertValues(new float[] {1, 4, 2, 5, 3, 6}, s1);
        assertShape(new int[] {3, 2}, Tensor.stack(-1, a, b));
        assertShape(new int[] {2}, Tensor.stack(0, Tensor.scalar(1f), Tensor.scalar(2f)));
    }

    @Test
    void splitIntoEqualPiecesLeavesARemainder() {
        Tensor v = range(10, 10);
        List<Tensor> pieces = v.split(4, 0);
        assertEquals(3, pieces.size());
        assertValues(new float[] {0, 1, 2, 3}, pieces.get(0));
        assertValues(new float[] {8, 9}, pieces.get(2));
        assertEquals(1, v.split(10, 0).size());
        assertEquals(1, v.split(50, 0).size());
        List<Tensor> columns = range(12, 3, 4).split(2, 1);
        assertEquals(2, columns.size());
        assertValues(new float[] {2, 3, 6, 7, 10, 11}, columns.get(1));
        assertThrows(IllegalArgumentException.class, () -> v.split(0, 0));
    }

    @Test
    void splitIntoGivenSizes() {
        List<Tensor> pieces = range(10, 10).split(new int[] {2, 0, 5, 3}, 0);
        assertEquals(4, pieces.size());
        assertEquals(0, pieces.get(1).size());
        assertValues(new float[] {2, 3, 4, 5, 6}, pieces.get(2));
        var e = assertThrows(IllegalArgumentException.class, () -> range(10, 10).split(new int[] {2, 3}, 0));
        assertEquals("split: sizes [2, 3] do not add up to 10, the size of dimension 0 of [10]", e.getMessage());
    }

    @Test
    void splitPiecesAreViews() {
        Tensor v = Tensor.zeros(6);
        v.split(3, 0).get(1).assign(Tensor.scalar(1f));
        assertValues(new float[] {0, 0, 0, 1, 1, 1}, v);
    }

    @Test
    void chunkMatchesPyTorchSizes() {
        assertEquals(List.of(2, 2, 1), sizes(range(5, 5).chunk(4, 0)));
        assertEquals(List.of(2, 2, 2), sizes(range(6, 6).chunk(4, 0)));
        assertEquals(List.of(3, 3), sizes(range(6, 6).chunk(2, 0)));
        assertEquals(List.of(1, 1, 1), sizes(range(3, 3).chunk(5, 0)));
        assertEquals(List.of(2, 1), sizes(range(6, 2, 3).chunk(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> range(3, 3).chunk(0, 0));
    }

    private static List<Integer> sizes(List<Tensor> pieces) {
        return pieces.stream().map(t -> t.dim(-1)).toList();
    }

    // ------------------------------------------------------------ flip, repeat, contiguous

    @Test
    void flipReversesTheGivenAxes() {
        Tensor m = range(6, 2, 3);
        assertValues(new float[] {3, 4, 5, 0, 1, 2}, m.flip(0));
        assertValues(new float[] {2, 1, 0, 5, 4, 3}, m.flip(1));
        assertValues(new float[] {5, 4, 3, 2, 1, 0}, m.flip(0, 1));
        assertValues(new float[] {5, 4, 3, 2, 1, 0}, m.flip(-1, -2));
        assertValues(new float[] {2, 5, 1, 4, 0, 3}, m.transpose(0, 1).flip(0));
        assertValues(new float[] {3, 4, 5, 0, 1, 2}, m.flip(0).flip(1).flip(1));
        assertEquals(0, Tensor.zeros(0, 2).flip(0).size());
        assertTrue(m.flip(0).isContiguous());
    }

    @Test
    void flipCopies() {
        Tensor v = Tensor.of(1f, 2f, 3f);
        Tensor f = v.flip(0);
        v.assign(Tensor.zeros(3));
        assertValues(new float[] {3, 2, 1}, f);
    }

    @Test
    void repeatTilesLikePyTorch() {
        Tensor m = range(6, 2, 3);
        Tensor r = m.repeat(2, 1, 2);
        assertShape(new int[] {2, 2, 6}, r);
        assertValues(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, r);
        assertValues(new float[] {1, 2, 1, 2, 1, 2}, Tensor.of(1f, 2f).repeat(3));
        assertValues(new float[] {1, 2, 1, 2}, Tensor.of(1f, 2f).repeat(2, 1));
        assertShape(new int[] {2, 1}, Tensor.of(1f, 2f).repeat(2, 1).reshape(2, 2).slice(1, 0, 1));
        assertValues(new float[] {0, 3, 0, 3}, m.transpose(0, 1).slice(0, 0, 1).repeat(1, 2));
        assertEquals(0, m.repeat(0, 1).size());
        assertThrows(IllegalArgumentException.class, () -> m.repeat(2));
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor m = range(6, 2, 3);
        assertSame(m, m.contiguous());
        Tensor t = m.transpose(0, 1).contiguous();
        assertTrue(t.isContiguous());
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, t);
        assertFalse(m.transpose(0, 1).isContiguous());
    }
}
