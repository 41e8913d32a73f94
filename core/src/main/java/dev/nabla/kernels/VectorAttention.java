package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twins of {@link ScalarAttention}: the same operations in the same order, so the
 * product and the softmax gradient agree bit for bit; the exponential is {@link VectorRows#exp}
 * (about one ulp from {@code Math.exp}) on whole vectors, {@code Math.exp} on the last values, and
 * the row's sum is {@link ScalarAttention#sum}'s.
 *
 * <p>The product keeps a tile of C in eight registers (four rows by two vectors, or eight rows by
 * one vector) and adds one rank-1 update per step of k (broadcasts of A, loads of B, eight fused
 * multiply-adds), reading A and B where they lie. Columns past the last whole vector take the
 * scalar loop: masked loads and stores cost more than they save here, and a loop that has once
 * seen a partial mask is compiled again into a slower form for every call after. Callers that
 * care (the fused attention) pad their rows to whole vectors. An attention head's
 * blocks (28 × 28 × 16, say) are too small for {@link VectorGemm}'s packing to pay.
 */
final class VectorAttention {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    private VectorAttention() {
    }

    static void product(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        boolean accumulate, float[] c, int cOff, int ldc) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            twoVectors(m, j, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
        }
        for (; j + L <= n; j += L) {
            oneVector(m, j, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
        }
        if (j < n) {
            ScalarAttention.product(m, n - j, k, alpha, a, aOff, lda, b, bOff + j, ldb, accumulate, c, cOff + j, ldc);
        }
    }

    /** Columns [j, j + 2L) of C, four rows at a time. */
    private static void twoVectors(int m, int j, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                                   int bOff, int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            int row = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                int at = bOff + p * ldb + j;
                FloatVector b0 = FloatVector.fromArray(S, b, at);
                FloatVector b1 = FloatVector.fromArray(S, b, at + L);
                FloatVector a0 = FloatVector.broadcast(S, a[row + p]);
                FloatVector a1 = FloatVector.broadcast(S, a[row + lda + p]);
                FloatVector a2 = FloatVector.broadcast(S, a[row + 2 * lda + p]);
                FloatVector a3 = FloatVector.broadcast(S, a[row + 3 * lda + p]);
                c00 = b0.fma(a0, c00);
                c01 = b1.fma(a0, c01);
                c10 = b0.fma(a1, c10);
                c11 = b1.fma(a1, c11);
                c20 = b0.fma(a2, c20);
                c21 = b1.fma(a2, c21);
                c30 = b0.fma(a3, c30);
                c31 = b1.fma(a3, c31);
            }
            int out = cOff + i * ldc + j;
            store(c00, alpha, accumulate, c, out);
            store(c01, alpha, accumulate, c, out + L);
            store(c10, alpha, accumulate, c, out + ldc);
            store(c11, alpha, accumulate, c, out + ldc + L);
            store(c20, alpha, accumulate, c, out + 2 * ldc);
            store(c21, alpha, accumulate, c, out + 2 * ldc + L);
            store(c30, alpha, accumulate, c, out + 3 * ldc);
            store(c31, alpha, accumulate, c, out + 3 * ldc + L);
        }
        for (; i < m; i++) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            int row = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                int at = bOff + p * ldb + j;
                FloatVector a0 = FloatVector.broadcast(S, a[row + p]);
                c0 = FloatVector.fromArray(S, b, at).fma(a0, c0);
                c1 = FloatVector.fromArray(S, b, at + L).fma(a0, c1);
            }
            store(c0, alpha, accumulate, c, cOff + i * ldc + j);
            store(c1, alpha, accumulate, c, cOff + i * ldc + j + L);
        }
    }

    /** Columns [j, j + L) of C, eight rows at a time, then four, then one. */
    private static void oneVector(int m, int j, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                                  int bOff, int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
            FloatVector c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
            FloatVector c6 = FloatVector.zero(S), c7 = FloatVector.zero(S);
            int row = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                c0 = bv.fma(FloatVector.broadcast(S, a[row + p]), c0);
                c1 = bv.fma(FloatVector.broadcast(S, a[row + lda + p]), c1);
                c2 = bv.fma(FloatVector.broadcast(S, a[row + 2 * lda + p]), c2);
                c3 = bv.fma(FloatVector.broadcast(S, a[row + 3 * lda + p]), c3);
                c4 = bv.fma(FloatVector.broadcast(S, a[row + 4 * lda + p]), c4);
                c5 = bv.fma(FloatVector.broadcast(S, a[row + 5 * lda + p]), c5);
                c6 = bv.fma(FloatVector.broadcast(S, a[row + 6 * lda + p]), c6);
                c7 = bv.fma(FloatVector.broadcast(S, a[row + 7 * lda + p]), c7);
            }
            int out = cOff + i * ldc + j;
            store(c0, alpha, accumulate, c, out);
            store(c1, alpha, accumulate, c, out + ldc);
            store(c2, alpha, accumulate, c, out + 2 * ldc);
            store(c3, alpha, accumulate, c, out + 3 * ldc);
            store(c4, alpha, accumulate, c, out + 4 * ldc);
            store(c5, alpha, accumulate, c, out + 5 * ldc);
            store(c6, alpha, accumulate, c, out + 6 * ldc);
            store(c7, alpha, accumulate, c, out + 7 * ldc);
        }
        for (; i + 4 <= m; i += 4) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
            int row = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                c0 = bv.fma(FloatVector.broadcast(S, a[row + p]), c0);
                c1 = bv.fma(FloatVector.broadcast(S, a[row + lda + p]), c1);
                c2 = bv.fma(FloatVector.broadcast(S, a[row + 2 * lda + p]), c2);
                c3 = bv.fma(FloatVector.broadcast(S, a[row + 3 * lda + p]), c3);
            }
            int out = cOff + i * ldc + j;
            store(c0, alpha, accumulate, c, out);
            store(c1, alpha, accumulate, c, out + ldc);
            store(c2, alpha, accumulate, c, out + 2 * ldc);
            store(c3, alpha, accumulate, c, out + 3 * ldc);
        }
        for (; i < m; i++) {
            FloatVector c0 = FloatVector.zero(S);
            int row = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[row + p]), c0);
            }
            store(c0, alpha, accumulate, c, cOff + i * ldc + j);
        }
    }

    /** One vector of C: alpha times the sums, written or added. */
    private static void store(FloatVector sums, float alpha, boolean accumulate, float[] c, int at) {
        FloatVector v = sums.mul(alpha);
        if (accumulate) {
            v = FloatVector.fromArray(S, c, at).add(v);
        }
        v.intoArray(c, at);
    }

    static float expShifted(float[] a, int off, int n, float shift) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorRows.exp(FloatVector.fromArray(S, a, off + i).sub(shift)).intoArray(a, off + i);
        }
        for (; i < n; i++) {
            a[off + i] = (float) Math.exp(a[off + i] - shift);
        }
        return ScalarAttention.sum(a, off, n);
    }

    static void softmaxGradient(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector g = FloatVector.fromArray(S, gradient, gOff + i).sub(delta);
            FloatVector.fromArray(S, p, pOff + i).mul(g).intoArray(gradient, gOff + i);
        }
        for (; i < n; i++) {
            gradient[gOff + i] = p[pOff + i] * (gradient[gOff + i] - delta);
        }
    }
}
