package dev.nabla.kernels;

/**
 * The row-wise parts of fused scaled dot-product attention (dev.nabla.tensor.Attention), one
 * row of scores at a time: a numerically safe softmax that also gives the row's log-sum-exp,
 * the probabilities recomputed from that log-sum-exp in backward, and the softmax's chain rule.
 *
 * <p>The passes go through {@link Kernels} (vectorised in {@link VectorKernels}, scalar in
 * {@link ScalarKernels}: the same formulas either way), except two plain loops the JIT
 * vectorises itself: the scaling of a row by the inverse of its sum, and the transposes the
 * head's products need. The forward softmax divides each row's exponentials by their sum; backward
 * recomputes the probabilities from the log-sum-exp, within an ulp or two of them. A row whose every score is −∞ (every key
 * masked out) gives probabilities of zero, so its output and gradients are zero rather than
 * NaN. Rows are independent, so a caller may split them over threads without changing a result.
 */
public final class AttentionRows {

    private final Kernels k;

    /** The rows computed with these kernels. */
    public AttentionRows(Kernels kernels) {
        this.k = kernels;
    }

    /**
     * Replaces {@code scores[off .. off+n)} by their softmax, shifted by the row's maximum so
     * that no exponential overflows; returns the row's log-sum-exp (−∞ for a fully masked row,
     * whose probabilities become 0).
     */
    public float softmax(float[] scores, int off, int n) {
        float max = k.max(scores, off, n);
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(scores, off, off + n, 0f);
            return Float.NEGATIVE_INFINITY;
        }
        float sum = k.expShifted(scores, off, n, max);
        float inverse = 1f / sum;
        for (int i = off; i < off + n; i++) {
            scores[i] *= inverse;
        }
        return max + (float) Math.log(sum);
    }

    /**
     * Replaces {@code scores[off .. off+n)} by {@code exp(score − logSumExp)}: the softmax of a
     * row whose log-sum-exp is known (zeros when it is −∞).
     */
    public void probabilities(float[] scores, int off, int n, float logSumExp) {
        if (logSumExp == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(scores, off, off + n, 0f);
            return;
        }
        k.expShifted(scores, off, n, logSumExp);
    }

    /**
     * The softmax's chain rule on one row: {@code gradient[i] = p[i]·(gradient[i] − delta)}, where
     * {@code gradient} holds the gradient of the probabilities on entry and of the scores on exit,
     * and {@code delta = Σ p·gradient} (for attention, the output row's dot product with its
     * gradient).
     */
    public void softmaxBackward(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        k.softmaxGradient(p, pOff, gradient, gOff, delta, n);
    }

    /** {@code a[aOff + i] *= b[bOff + i]} for i in [0, n). */
    public void multiply(float[] a, int aOff, float[] b, int bOff, int n) {
        k.binary(BinaryOp.MUL, a, aOff, 1, b, bOff, 1, a, aOff, n);
    }

    /** {@code y[yOff + i] += x[xOff + i]} for i in [0, n). */
    public void add(float[] x, int xOff, float[] y, int yOff, int n) {
        k.axpy(n, 1f, x, xOff, y, yOff);
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} for i in [0, n), for short rows (a head's depth), in a fixed order. */
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return ScalarAttention.dot(a, aOff, b, bOff, n);
    }

    /**
     * {@code dst[dOff + j·ldd + i] = src[off + i·ld + j]} for a {@code rows × cols} block: the
     * transposed operand a {@link Kernels#product} reads row by row.
     */
    public void transpose(float[] src, int off, int ld, int rows, int cols, float[] dst, int dOff, int ldd) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, from = off + i * ld; j < cols; j++) {
                dst[dOff + j * ldd + i] = src[from + j];
            }
        }
    }

    /** {@link Kernels#product}: {@code C = alpha·A·B}, or {@code C += alpha·A·B} when accumulating. */
    public void product(int m, int n, int depth, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
                        int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        k.product(m, n, depth, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
    }
}
