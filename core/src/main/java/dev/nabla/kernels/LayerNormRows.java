package dev.nabla.kernels;

/**
 * The rows of a fused layer normalisation (dev.nabla.tensor's layer norm), one row of d values
 * at a time: {@code x̂ = (x − mean)·rstd} with {@code rstd = 1/√(var + eps)} (the biased
 * variance, over the row, of the centred values), {@code y = x̂·w + b}; and backward, from the
 * saved x̂ and rstd, {@code dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))} with {@code ĝ = g·w}, and the
 * sums of {@code g·x̂} and {@code g} over the rows for the weight and bias.
 *
 * <p>The row sums are plain loops with eight partial sums in a fixed order (rows of a few dozen
 * values are too short for a vector sum to pay for reducing its lanes, and eight chains of
 * additions keep the adders busy); the elementwise passes are plain loops, which the JIT
 * vectorises. Rows are independent and each range of rows adds
 * its weight and bias sums in row order into the arrays it is given, so a caller that gives
 * every fixed chunk of rows its own arrays and adds them in chunk order gets the same bits on
 * any number of threads.
 */
public final class LayerNormRows {

    private LayerNormRows() {
    }

    /**
     * Rows [r0, r1) of {@code x} (row i at {@code xOff + i·d}) normalised into {@code normalized}
     * (row i at {@code i·d}), their rstd into {@code rstd[i]}, and the output
     * {@code y = x̂·w + b} into {@code y} (row i at {@code i·d}); w and b may be null (1 and 0).
     * Three passes over a row: its sum, the squares of its deviations, and the outputs.
     */
    public static void forward(float[] x, int xOff, int r0, int r1, int d, float eps, float[] w, int wOff, float[] b,
                               int bOff, float[] normalized, float[] rstd, float[] y) {
        for (int r = r0; r < r1; r++) {
            int in = xOff + r * d;
            int at = r * d;
            float mean = sum(x, in, d) / d;
            float variance = squaredDeviations(x, in, d, mean) / d;
            float inverse = 1f / (float) Math.sqrt(variance + eps);
            rstd[r] = inverse;
            if (w != null && b != null) {
                for (int j = 0; j < d; j++) {
                    float v = (x[in + j] - mean) * inverse;
                    normalized[at + j] = v;
                    y[at + j] = v * w[wOff + j] + b[bOff + j];
                }
            } else {
                for (int j = 0; j < d; j++) {
                    normalized[at + j] = (x[in + j] - mean) * inverse;
                }
                if (w != null || b != null) {
                    for (int j = 0; j < d; j++) {
                        float scaled = w == null ? normalized[at + j] : normalized[at + j] * w[wOff + j];
                        y[at + j] = b == null ? scaled : scaled + b[bOff + j];
                    }
                }
            }
        }
    }

    /** The sum of a row in eight partial sums, added pairwise, then the last values in order: a fixed order. */
    static float sum(float[] a, int off, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int at = off + i;
            s0 += a[at];
            s1 += a[at + 1];
            s2 += a[at + 2];
            s3 += a[at + 3];
            s4 += a[at + 4];
            s5 += a[at + 5];
            s6 += a[at + 6];
            s7 += a[at + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /** The dot product of two rows in the order of {@link #sum}, by fused multiply-adds. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int x = aOff + i;
            int y = bOff + i;
            s0 = Math.fma(a[x], b[y], s0);
            s1 = Math.fma(a[x + 1], b[y + 1], s1);
            s2 = Math.fma(a[x + 2], b[y + 2], s2);
            s3 = Math.fma(a[x + 3], b[y + 3], s3);
            s4 = Math.fma(a[x + 4], b[y + 4], s4);
            s5 = Math.fma(a[x + 5], b[y + 5], s5);
            s6 = Math.fma(a[x + 6], b[y + 6], s6);
            s7 = Math.fma(a[x + 7], b[y + 7], s7);
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < n; i++) {
            s = Math.fma(a[aOff + i], b[bOff + i], s);
        }
        return s;
    }

    /** {@code Σ (x − mean)²} over a row, in the order of {@link #sum}. */
    private static float squaredDeviations(float[] x, int off, int n, float mean) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            int at = off + i;
            float c0 = x[at] - mean, c1 = x[at + 1] - mean, c2 = x[at + 2] - mean, c3 = x[at + 3] - mean;
            float c4 = x[at + 4] - mean, c5 = x[at + 5] - mean, c6 = x[at + 6] - mean, c7 = x[at + 7] - mean;
            s0 = Math.fma(c0, c0, s0);
            s1 = Math.fma(c1, c1, s1);
            s2 = Math.fma(c2, c2, s2);
            s3 = Math.fma(c3, c3, s3);
            s4 = Math.fma(c4, c4, s4);
            s5 = Math.fma(c5, c5, s5);
            s6 = Math.fma(c6, c6, s6);
            s7 = Math.fma(c7, c7, s7);
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < n; i++) {
            float c = x[off + i] - mean;
            s = Math.fma(c, c, s);
        }
        return s;
    }

    /**
     * Backward over rows [r0, r1): the input's gradient into {@code dx} (row i at {@code i·d}, or
     * none when null), and {@code Σ g·x̂} and {@code Σ g} over these rows, in row order, added to
     * {@code dw} and {@code db} (either may be null). {@code g} row i is at {@code gOff + i·d};
     * {@code scratch} holds d values.
     */
    public static void backward(float[] g, int gOff, float[] normalized, float[] rstd, int r0, int r1, int d,
                                float[] w, int wOff, float[] dx, float[] dw, float[] db, float[] scratch) {
        for (int r = r0; r < r1; r++) {
            int gAt = gOff + r * d;
            int at = r * d;
            if (dw != null) {
                for (int j = 0; j < d; j++) {
                    dw[j] += g[gAt + j] * normalized[at + j];
                }
            }
            if (db != null) {
                for (int j = 0; j < d; j++) {
                    db[j] += g[gAt + j];
                }
            }
            if (dx == null) {
                continue;
            }
            float[] scaled = g;
            int sAt = gAt;
            if (w != null) {
                for (int j = 0; j < d; j++) {
                    scratch[j] = g[gAt + j] * w[wOff + j];
                }
                scaled = scratch;
                sAt = 0;
            }
            float meanGradient = sum(scaled, sAt, d) / d;
            float meanProduct = dot(scaled, sAt, normalized, at, d) / d;
            float inverse = rstd[r];
            for (int j = 0; j < d; j++) {
                dx[at + j] = inverse * (scaled[sAt + j] - meanGradient - normalized[at + j] * meanProduct);
            }
        }
    }
}
