package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerNormRows} on the Vector API: the same passes over each row, whole vectors up to
 * {@code loopBound(d)} and the scalar formula for the last few values. A row's sums run in one
 * vector of partial sums whose lanes are then added first to last, so they round differently
 * from the scalar twin's eight partial sums (to within a few units in the last place) but
 * depend on nothing but the row: not on the thread count, nor on the other rows.
 */
final class VectorLayerNormRows {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    private VectorLayerNormRows() {
    }

    /** {@link Kernels#layerNormForward}. */
    static void forward(float[] x, int xOff, int r0, int r1, int d, float eps, float[] w, int wOff, float[] b,
                        int bOff, float[] normalized, float[] rstd, float[] y) {
        float[] lanes = new float[L];
        int bound = S.loopBound(d);
        for (int r = r0; r < r1; r++) {
            int in = xOff + r * d;
            int at = r * d;
            FloatVector s = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                s = s.add(FloatVector.fromArray(S, x, in + j));
            }
            float total = addLanes(s, lanes);
            for (int j = bound; j < d; j++) {
                total += x[in + j];
            }
            float mean = total / d;
            FloatVector squares = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                FloatVector c = FloatVector.fromArray(S, x, in + j).sub(mean);
                squares = c.fma(c, squares);
            }
            float deviations = addLanes(squares, lanes);
            for (int j = bound; j < d; j++) {
                float c = x[in + j] - mean;
                deviations = Math.fma(c, c, deviations);
            }
            float inverse = 1f / (float) Math.sqrt(deviations / d + eps);
            rstd[r] = inverse;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, in + j).sub(mean).mul(inverse);
                v.intoArray(normalized, at + j);
                if (w != null || b != null) {
                    FloatVector scaled = w == null ? v : v.mul(FloatVector.fromArray(S, w, wOff + j));
                    (b == null ? scaled : scaled.add(FloatVector.fromArray(S, b, bOff + j))).intoArray(y, at + j);
                }
            }
            for (; j < d; j++) {
                float v = (x[in + j] - mean) * inverse;
                normalized[at + j] = v;
                if (w != null || b != null) {
                    float scaled = w == null ? v : v * w[wOff + j];
                    y[at + j] = b == null ? scaled : scaled + b[bOff + j];
                }
            }
        }
    }

    /**
     * {@link Kernels#layerNormBackward}: one pass for the weight's and bias's sums, {@code ĝ = g·w}
     * into scratch and the sums of ĝ and ĝ·x̂; one pass for the input's gradient.
     */
    static void backward(float[] g, int gOff, float[] normalized, float[] rstd, int r0, int r1, int d,
                         float[] w, int wOff, float[] dx, float[] dw, float[] db, float[] scratch) {
        float[] lanes = new float[L];
        int bound = S.loopBound(d);
        for (int r = r0; r < r1; r++) {
            int gAt = gOff + r * d;
            int at = r * d;
            FloatVector sum = FloatVector.zero(S);
            FloatVector product = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector gv = FloatVector.fromArray(S, g, gAt + j);
                FloatVector n = FloatVector.fromArray(S, normalized, at + j);
                if (dw != null) {
                    FloatVector.fromArray(S, dw, j).add(gv.mul(n)).intoArray(dw, j);
                }
                if (db != null) {
                    FloatVector.fromArray(S, db, j).add(gv).intoArray(db, j);
                }
                FloatVector scaled = w == null ? gv : gv.mul(FloatVector.fromArray(S, w, wOff + j));
                scaled.intoArray(scratch, j);
                sum = sum.add(scaled);
                product = scaled.fma(n, product);
            }
            float sumTail = 0f;
            float productTail = 0f;
            for (; j < d; j++) {
                float gj = g[gAt + j];
                float n = normalized[at + j];
                if (dw != null) {
                    dw[j] += gj * n;
                }
                if (db != null) {
                    db[j] += gj;
                }
                float scaled = w == null ? gj : gj * w[wOff + j];
                scratch[j] = scaled;
                sumTail += scaled;
                productTail = Math.fma(scaled, n, productTail);
            }
            if (dx == null) {
                continue;
            }
            float meanGradient = (addLanes(sum, lanes) + sumTail) / d;
            float meanProduct = (addLanes(product, lanes) + productTail) / d;
            float inverse = rstd[r];
            j = 0;
            for (; j < bound; j += L) {
                FloatVector n = FloatVector.fromArray(S, normalized, at + j);
                FloatVector.fromArray(S, scratch, j).sub(meanGradient).sub(n.mul(meanProduct)).mul(inverse)
                        .intoArray(dx, at + j);
            }
            for (; j < d; j++) {
                dx[at + j] = inverse * (scratch[j] - meanGradient - normalized[at + j] * meanProduct);
            }
        }
    }

    /** The lanes of v added first to last, through {@code lanes} (L floats). */
    private static float addLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += lanes[i];
        }
        return s;
    }
}
