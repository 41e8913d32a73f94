package dev.nabla.kernels;

/**
 * Matrix products with half-precision operands on the Vector API: they take the float32
 * product's paths, inner products for a short or narrow A·Bᵀ (widened block by block),
 * otherwise the blocked {@link VectorGemm} (widened while packing).
 */
final class VectorHalfGemm {

    private VectorHalfGemm() {
    }

    /** Either a or aHalf is null, likewise b and bHalf. */
    static void run(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k,
                    float alpha, float[] a, short[] aHalf, int aOff, int lda,
                    float[] b, short[] bHalf, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (VectorKernels.empty(m, n, k, alpha, beta, c, cOff, ldc)) {
            return;
        }
        if (!transA && transB && VectorInnerProducts.pays(m, n)) {
            HalfInnerProducts.run(format, m, n, k, alpha, a, aHalf, aOff, lda, b, bHalf, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        new VectorGemm(format, transA, transB, m, n, k, alpha, a, aHalf, aOff, lda, b, bHalf, bOff, ldb,
                beta, c, cOff, ldc).run();
    }
}
