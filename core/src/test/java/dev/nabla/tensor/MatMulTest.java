package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Matrix products against a naive triple loop, for every rank combination NumPy defines. */
class MatMulTest {

    private final Generator gen = new Generator(2024);

    private Tensor random(int... shape) {
        return Tensor.uniform(gen, -1f, 1f, shape);
    }

    /** The NumPy matmul of a and b by definition, in double precision. */
    private static float[] naive(Tensor a, Tensor b, int[] outShape) {
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        int m = a2.dim(-2);
        int k = a2.dim(-1);
        int n = b2.dim(-1);
        Shape batch = Shape.broadcast("naive", batchOf(a2), batchOf(b2));
        Tensor ea = a2.expand(withMatrix(batch, m, k));
        Tensor eb = b2.expand(withMatrix(batch, k, n));
        float[] out = new float[batch.size() * m * n];
        int[] counter = new int[batch.rank()];
        for (int bi = 0; bi < batch.size(); bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) ea.get(index(counter, i, p)) * eb.get(index(counter, p, j));
                    }
                    out[(bi * m + i) * n + j] = (float) s;
                }
            }
            for (int d = counter.length - 1; d >= 0 && ++counter[d] == batch.dim(d); d--) {
                counter[d] = 0;
            }
        }
        assertEquals(Shape.of(outShape).size(), out.length);
        return out;
    }

    private static Shape batchOf(Tensor t) {
        return Shape.of(Arrays.copyOf(t.shape().toArray(), t.rank() - 2));
    }

    private static int[] withMatrix(Shape batch, int rows, int cols) {
        int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return dims;
    }

    private static int[] index(int[] batch, int row, int col) {
        int[] idx = Arrays.copyOf(batch, batch.length + 2);
        idx[batch.length] = row;
        idx[batch.length + 1] = col;
        return idx;
    }

    private static void assertMatMul(Tensor a, Tensor b, int... expectedShape) {
        Tensor c = a.matmul(b);
        assertArrayEquals(expectedShape, c.shape().toArray(), a.shape() + " @ " + b.shape());
        float tolerance = 1e-5f * (float) Math.sqrt(Math.max(1, a.dim(-1)));
        assertArrayEquals(naive(a, b, expectedShape), c.toFloatArray(), tolerance, a.shape() + " @ " + b.shape());
    }

    @Test
    void smallHandComputedProduct() {
        Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new float[][] {{5, 6, 7}, {8, 9, 10}});
        assertArrayEquals(new float[] {21, 24, 27, 47, 54, 61}, a.matmul(b).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.matmul(Tensor.eye(2)).toFloatArray());
    }

    @Test
    void vectorTimesVectorIsAScalar() {
        Tensor dot = Tensor.of(1f, 2f, 3f).matmul(Tensor.of(4f, 5f, 6f));
        assertEquals(0, dot.rank());
        assertEquals(32f, dot.item());
        assertMatMul(random(37), random(37));
    }

    @Test
    void vectorOnTheLeftIsARowAndOnTheRightAColumn() {
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new float[] {22, 28}, Tensor.of(1f, 2f, 3f).matmul(m).toFloatArray());
        assertArrayEquals(new float[] {5, 11, 17}, m.matmul(Tensor.of(1f, 2f)).toFloatArray());
        assertMatMul(random(5), random(5, 7), 7);
        assertMatMul(random(6, 5), random(5), 6);
    }

    @Test
    void matrixTimesMatrixOfAwkwardSizes() {
        for (int[] mkn : new int[][] {{1, 1, 1}, {1, 7, 1}, {3, 1, 4}, {17, 33, 9}, {65, 31, 67}, {130, 70, 5}}) {
            assertMatMul(random(mkn[0], mkn[1]), random(mkn[1], mkn[2]), mkn[0], mkn[2]);
        }
    }

    @Test
    void batchedAndBroadcastBatches() {
        assertMatMul(random(4, 3, 5), random(4, 5, 2), 4, 3, 2);
        assertMatMul(random(4, 3, 5), random(5, 2), 4, 3, 2);
        assertMatMul(random(3, 5), random(4, 5, 2), 4, 3, 2);
        assertMatMul(random(2, 1, 3, 5), random(6, 5, 4), 2, 6, 3, 4);
        assertMatMul(random(1, 3, 5), random(2, 1, 5, 4), 2, 1, 3, 4);
        assertMatMul(random(5), random(3, 5, 2), 3, 2);
        assertMatMul(random(3, 2, 5), random(5), 3, 2);
        assertMatMul(random(3, 40, 70), random(3, 70, 50), 3, 40, 50);
    }

    @Test
    void transposedExpandedAndSlicedOperands() {
        Tensor a = random(7, 5);
        Tensor b = random(6, 7);
        assertMatMul(a.transpose(0, 1), b.transpose(0, 1), 5, 6);
        assertMatMul(random(3, 5, 4).transpose(1, 2), random(3, 5, 2), 3, 4, 2);
        assertMatMul(random(1, 5).expand(4, 5), random(5, 3), 4, 3);
        assertMatMul(random(4, 1).expand(4, 5), random(5, 3).slice(0, 0, 5), 4, 3);
        assertMatMul(random(8, 10).slice(1, 1, 9, 2), random(12, 3).slice(0, 2, 6), 8, 3);
        assertMatMul(random(6, 6).slice(0, 1, 4).slice(1, 2, 6), random(4, 4).flip(0), 3, 4);
        assertMatMul(random(2, 3, 4).permute(1, 0, 2), random(4, 2), 3, 2, 2);
    }

    @Test
    void emptyDimensionsGiveEmptyOrZeroResults() {
        Tensor zeroInner = random(3, 0).matmul(random(0, 4));
        assertArrayEquals(new int[] {3, 4}, zeroInner.shape().toArray());
        assertArrayEquals(new float[12], zeroInner.toFloatArray());
        assertEquals(0, random(0, 5).matmul(random(5, 4)).size());
        assertArrayEquals(new int[] {0, 2, 4}, random(0, 2, 5).matmul(random(5, 4)).shape().toArray());
        assertEquals(0f, Tensor.zeros(0).matmul(Tensor.zeros(0)).item());
    }

    @Test
    void resultIsFloatAndContiguous() {
        Tensor c = Tensor.arange(6).reshape(2, 3).matmul(Tensor.arange(3));
        assertEquals(DType.FLOAT32, c.dtype());
        assertArrayEquals(new float[] {5, 14}, c.toFloatArray());
    }

    @Test
    void mismatchedInnerDimensionsNameBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(32, 784).matmul(Tensor.zeros(128, 10)));
        assertEquals("matmul: [32, 784] @ [128, 10]: inner dimensions 784 and 128 differ", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2)));
        var scalar = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2f).matmul(Tensor.zeros(2)));
        assertEquals("matmul: [] @ [2]: both operands need at least one dimension (use mul for scalars)",
                scalar.getMessage());
    }

    @Test
    void unbroadcastableBatchesAreAnError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        String m = e.getMessage();
        assertEquals(true, m.startsWith("matmul: "), m);
    }
}
