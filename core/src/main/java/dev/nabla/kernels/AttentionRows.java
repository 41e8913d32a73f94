package dev.nabla.kernels;

/**
 * The row-wise parts of fused scaled dot-product attention (dev.nabla.tensor.Attention), one
 * row of scores at a time: a numerically safe softmax that also gives the row's log-sum-exp,
 * the probabilities recomputed from that log-sum-exp in backward, and the softmax's chain rule.
 *
 * <p>Every pass goes through {@link Kernels} (vectorised in {@link VectorKernels}, scalar in
 * {@link ScalarKernels}: the same formulas either way). A row whose every score is −∞ (every key
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
        float sum = k.sumExp(scores, off, n, max);
        float logSum = max + (float) Math.log(sum);
        probabilities(scores, off, n, logSum);
        return logSum;
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
        float[] shift = {logSumExp};
        k.binary(BinaryOp.SUB, scores, off, 1, shift, 0, 0, scores, off, n);
        k.unary(UnaryOp.EXP, 0f, scores, off, scores, off, n);
    }

    /**
     * The softmax's chain rule on one row: {@code gradient[i] = p[i]·(gradient[i] − delta)}, where
     * {@code gradient} holds the gradient of the probabilities on entry and of the scores on exit,
     * and {@code delta = Σ p·gradient} (for attention, the output row's dot product with its
     * gradient).
     */
    public void softmaxBackward(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        float[] shift = {delta};
        k.binary(BinaryOp.SUB, gradient, gOff, 1, shift, 0, 0, gradient, gOff, n);
        k.binary(BinaryOp.MUL, gradient, gOff, 1, p, pOff, 1, gradient, gOff, n);
    }

    /** {@code a[aOff + i] *= b[bOff + i]} for i in [0, n). */
    public void multiply(float[] a, int aOff, float[] b, int bOff, int n) {
        k.binary(BinaryOp.MUL, a, aOff, 1, b, bOff, 1, a, aOff, n);
    }

    /** {@code y[yOff + i] += x[xOff + i]} for i in [0, n). */
    public void add(float[] x, int xOff, float[] y, int yOff, int n) {
        k.axpy(n, 1f, x, xOff, y, yOff);
    }

    /** {@code Σ a[aOff + i]·b[bOff + i]} for i in [0, n). */
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return k.dot(a, aOff, b, bOff, n);
    }
}
