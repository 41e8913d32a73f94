package dev.nabla.tensor;

import dev.nabla.kernels.Kernels;

/**
 * Matrix products over tensor storage: float32 operands go to the float32 GEMM, bfloat16 and
 * float16 ones to the half-precision GEMMs, which widen halves while packing and accumulate in
 * float32, so a half operand is never copied out whole. Arguments as {@link Kernels#gemm}.
 */
final class StorageGemm {

    private StorageGemm() {
    }

    static void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, float alpha,
                     Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (a instanceof Storage.FloatStorage fa) {
            if (b instanceof Storage.FloatStorage fb) {
                k.gemm(transA, transB, m, n, depth, alpha, fa.values(), aOff, lda, fb.values(), bOff, ldb,
                        beta, c, cOff, ldc);
            } else {
                Storage.HalfStorage hb = (Storage.HalfStorage) b;
                k.gemm(hb.format(), transA, transB, m, n, depth, alpha, fa.values(), aOff, lda, hb.bits(), bOff, ldb,
                        beta, c, cOff, ldc);
            }
            return;
        }
        Storage.HalfStorage ha = (Storage.HalfStorage) a;
        if (b instanceof Storage.HalfStorage hb && hb.format() == ha.format()) {
            k.gemm(ha.format(), transA, transB, m, n, depth, alpha, ha.bits(), aOff, lda, hb.bits(), bOff, ldb,
                    beta, c, cOff, ldc);
            return;
        }
        // b is float32, or the other half format (widened: the kernels take one format per call).
        k.gemm(ha.format(), transA, transB, m, n, depth, alpha, ha.bits(), aOff, lda, b.floats(), bOff, ldb,
                beta, c, cOff, ldc);
    }

    /** {@link #gemm(Kernels, boolean, boolean, int, int, int, float, Storage, int, int, Storage, int, int, float, float[], int, int)} with B in float32. */
    static void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, float alpha,
                     Storage a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(k, transA, transB, m, n, depth, alpha, a, aOff, lda, new Storage.FloatStorage(b), bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #gemm(Kernels, boolean, boolean, int, int, int, float, Storage, int, int, Storage, int, int, float, float[], int, int)} with A in float32. */
    static void gemm(Kernels k, boolean transA, boolean transB, int m, int n, int depth, float alpha,
                     float[] a, int aOff, int lda, Storage b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(k, transA, transB, m, n, depth, alpha, new Storage.FloatStorage(a), aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
