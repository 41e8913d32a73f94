package dev.nabla.kernels;

/**
 * The scalar definitions of the attention kernels ({@link Kernels#product},
 * {@link Kernels#expShifted}, {@link Kernels#softmaxGradient}); {@link VectorAttention} is their
 * vector twin.
 */
final class ScalarAttention {

    private ScalarAttention() {
    }

    static void product(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        boolean accumulate, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[aOff + i * lda + p], b[bOff + p * ldb + j], sum);
                }
                float value = alpha * sum;
                int at = cOff + i * ldc + j;
                c[at] = accumulate ? c[at] + value : value;
            }
        }
    }

    static float expShifted(float[] a, int off, int n, float shift) {
        for (int i = off; i < off + n; i++) {
            a[i] = (float) Math.exp(a[i] - shift);
        }
        return sum(a, off, n);
    }

    /**
     * The sum of n values in four interleaved partial sums ((s0 + s1) + (s2 + s3), the last
     * values added in order after): a fixed order, shared by both twins, and four times shorter a
     * chain of dependent additions than one running sum. Rows of attention and layer norm are too
     * short for a vector sum to pay for reducing its lanes.
     */
    static float sum(float[] a, int off, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[off + i];
            s1 += a[off + i + 1];
            s2 += a[off + i + 2];
            s3 += a[off + i + 3];
        }
        float s = (s0 + s1) + (s2 + s3);
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /** The dot product of n values in the order of {@link #sum}, by fused multiply-adds. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 = Math.fma(a[aOff + i], b[bOff + i], s0);
            s1 = Math.fma(a[aOff + i + 1], b[bOff + i + 1], s1);
            s2 = Math.fma(a[aOff + i + 2], b[bOff + i + 2], s2);
            s3 = Math.fma(a[aOff + i + 3], b[bOff + i + 3], s3);
        }
        float s = (s0 + s1) + (s2 + s3);
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    static void softmaxGradient(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        for (int i = 0; i < n; i++) {
            gradient[gOff + i] = p[pOff + i] * (gradient[gOff + i] - delta);
        }
    }
}
