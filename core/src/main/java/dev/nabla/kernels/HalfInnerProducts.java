package dev.nabla.kernels;

/**
 * {@code C = alpha·A·Bᵀ + beta·C} with half-precision operands in the shapes where inner
 * products beat the blocked kernel ({@link VectorInnerProducts#pays}): few rows of C, as one
 * input row times bfloat16 weights, or few columns. Blocks of rows of a half A and of a half B
 * are widened into per-thread scratch and multiplied there by {@link VectorInnerProducts}.
 * Every element of C is one dot product summed the same way however C is cut, so the result
 * is bitwise the float32 inner products of the widened operands. Since one side of C is short,
 * that side's operand is widened once, and the other one block at a time, so the scratch stays
 * small (at most {@link #BLOCK_FLOATS} floats per operand, or one row when k is longer).
 */
final class HalfInnerProducts {
    /** Floats widened at once per operand (256 KB: L2). */
    static final int BLOCK_FLOATS = 64 * 1024;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private HalfInnerProducts() {
    }

    /** Either a or aHalf is null, likewise b and bHalf; m, n, k ≥ 1. */
    static void run(HalfPrecision format, int m, int n, int k, float alpha,
                    float[] a, short[] aHalf, int aOff, int lda, float[] b, short[] bHalf, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc) {
        // Rows per block: a multiple of the inner products' block height, so blocks line up.
        int rowsPerBlock = Math.max(VectorInnerProducts.ROWS,
                Math.min(BLOCK_FLOATS / k, BLOCK_FLOATS) / VectorInnerProducts.ROWS * VectorInnerProducts.ROWS);
        float[][] scratch = SCRATCH.get();
        for (int i0 = 0; i0 < m; i0 += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, m - i0);
            Block aBlock = Block.of(format, a, aHalf, aOff + i0 * lda, lda, rows, k, scratch, 0);
            for (int j0 = 0; j0 < n; j0 += rowsPerBlock) {
                int cols = Math.min(rowsPerBlock, n - j0);
                Block bBlock = Block.of(format, b, bHalf, bOff + j0 * ldb, ldb, cols, k, scratch, 1);
                new VectorInnerProducts(rows, cols, k, alpha, aBlock.data(), aBlock.start(), aBlock.ld(),
                        bBlock.data(), bBlock.start(), bBlock.ld(),
                        beta, c, cOff + i0 * ldc + j0, ldc).run();
            }
        }
    }

    /** Rows of an operand as the inner products read them: float32 in place, or half widened into scratch. */
    private record Block(float[] data, int start, int ld) {

        static Block of(HalfPrecision format, float[] full, short[] half, int start, int ld, int rows, int k,
                        float[][] scratch, int operand) {
            if (half == null) {
                return new Block(full, start, ld);
            }
            if (scratch[operand].length < rows * k) {
                scratch[operand] = new float[rows * k];
            }
            VectorHalfPrecision.widenBlock(format, half, start, ld, rows, k, scratch[operand], 0);
            return new Block(scratch[operand], 0, k);
        }
    }
}
