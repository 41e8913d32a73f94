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
            float[] aBlock = a;
            int aStart = aOff + i0 * lda;
            int aLd = lda;
            if (aHalf != null) {
                aBlock = widened(scratch, 0, rows * k);
                VectorHalfPrecision.widenBlock(format, aHalf, aStart, lda, rows, k, aBlock, 0);
                aStart = 0;
                aLd = k;
            }
            for (int j0 = 0; j0 < n; j0 += rowsPerBlock) {
                int cols = Math.min(rowsPerBlock, n - j0);
                float[] bBlock = b;
                int bStart = bOff + j0 * ldb;
                int bLd = ldb;
                if (bHalf != null) {
                    bBlock = widened(scratch, 1, cols * k);
                    VectorHalfPrecision.widenBlock(format, bHalf, bStart, ldb, cols, k, bBlock, 0);
                    bStart = 0;
                    bLd = k;
                }
                new VectorInnerProducts(rows, cols, k, alpha, aBlock, aStart, aLd, bBlock, bStart, bLd,
                        beta, c, cOff + i0 * ldc + j0, ldc).run();
            }
        }
    }

    private static float[] widened(float[][] scratch, int operand, int size) {
        if (scratch[operand].length < size) {
            scratch[operand] = new float[size];
        }
        return scratch[operand];
    }
}
