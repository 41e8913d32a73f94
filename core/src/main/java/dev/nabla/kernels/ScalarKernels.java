package dev.nabla.kernels;

/**
 * Plain-Java kernels: the definition of what every kernel computes, the oracle of the
 * conformance tests, and the fallback when the Vector API is not available.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBitSize() {
        return 0;
    }

    // ---------------------------------------------------------------- fused layer epilogues

    @Override
    public void biasActivation(UnaryOp op, float param, float[] z, int zOff, float[] bias, int biasOff,
                               float[] y, int yOff, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int zRow = zOff + i * cols;
            int yRow = yOff + i * cols;
            for (int j = 0; j < cols; j++) {
                float v = bias == null ? z[zRow + j] : z[zRow + j] + bias[biasOff + j];
                z[zRow + j] = v;
                if (op != null) {
                    y[yRow + j] = op.apply(v, param);
                }
            }
        }
    }

    @Override
    public void columnSums(float[] a, int off, int ld, int rows, int cols, float[] out, int outOff) {
        for (int j = 0; j < cols; j++) {
            float total = 0f;
            for (int b = 0; b < rows; b += COLUMN_SUM_BLOCK) {
                float block = 0f;
                for (int i = b, end = Math.min(rows, b + COLUMN_SUM_BLOCK); i < end; i++) {
                    block += a[off + i * ld + j];
                }
                total += block;
            }
            out[outOff + j] = total;
        }
    }

    // ---------------------------------------------------------------- general kernels

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                       float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
        }
    }

    @Override
    public void unary(UnaryOp op, float param, float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], param);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                              float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        for (int i = 0; i < n; i++) {
            gradIn[giOff + i] = gradOut[gOff + i] * op.derivative(x[xOff + i], y[yOff + i], param);
        }
    }

    @Override
    public void select(float[] cond, int cOff, float[] a, int aOff, float[] b, int bOff,
                       float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = cond[cOff + i] != 0f ? a[aOff + i] : b[bOff + i];
        }
    }

    @Override
    public void select(float[] cond, int cOff, int cStride, float[] a, int aOff, int aStride,
                       float[] b, int bOff, int bStride, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = cond[cOff + i * cStride] != 0f ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    @Override
    public void softmax(float[] x, int xOff, int n, float[] out, int outOff) {
        float shift = shift(max(x, xOff, n));
        float total = 0f;
        for (int j = 0; j < n; j++) {
            float v = (float) Math.exp(x[xOff + j] - shift);
            out[outOff + j] = v;
            total += v;
        }
        float inverse = 1f / total;
        for (int j = 0; j < n; j++) {
            out[outOff + j] *= inverse;
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOff, int n, float[] out, int outOff) {
        float shift = shift(max(x, xOff, n));
        // (x - shift) - log Σ: subtracting the large shift first keeps float precision.
        float logSum = (float) Math.log(sumExp(x, xOff, n, shift));
        for (int j = 0; j < n; j++) {
            out[outOff + j] = (x[xOff + j] - shift) - logSum;
        }
    }

    /** The shift of a softmax row: its maximum, or 0 when that is infinite. */
    static float shift(float max) {
        return Float.isInfinite(max) ? 0f : max;
    }

    @Override
    public void sgdUpdate(ParameterUpdates.Sgd rule, float[] value, float[] gradient, float[] buffer, int off, int n) {
        rule.apply(value, gradient, buffer, off, n);
    }

    @Override
    public void adamUpdate(ParameterUpdates.Adam rule, float[] value, float[] gradient, float[] m, float[] v,
                           float[] vMax, int off, int n) {
        rule.apply(value, gradient, m, v, vMax, off, n);
    }

    @Override
    public void rmsPropUpdate(ParameterUpdates.RmsProp rule, float[] value, float[] gradient, float[] square,
                              float[] mean, float[] buffer, int off, int n) {
        rule.apply(value, gradient, square, mean, buffer, off, n);
    }

    @Override
    public void adaGradUpdate(ParameterUpdates.AdaGrad rule, float[] value, float[] gradient, float[] sum, int off, int n) {
        rule.apply(value, gradient, sum, off, n);
    }

    @Override
    public float sum(float[] a, int off, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    @Override
    public float max(float[] a, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[off + i];
            if (Float.isNaN(v)) {
                return Float.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public float min(float[] a, int off, int n) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = a[off + i];
            if (Float.isNaN(v)) {
                return Float.NaN;
            }
            m = Math.min(m, v);
        }
        return m;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float sumExp(float[] a, int off, int n, float shift) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += (float) Math.exp(a[off + i] - shift);
        }
        return s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bRow + j];
                    }
                }
            }
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[cRow + j] = beta == 0f ? alpha * row[j] : alpha * row[j] + beta * c[cRow + j];
            }
        }
    }

    // ---------------------------------------------------------------- half precision

    @Override
    public void halfToFloat(HalfPrecision format, short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = format.toFloat(src[srcOff + i]);
        }
    }

    @Override
    public void floatToHalf(HalfPrecision format, float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = format.fromFloat(src[srcOff + i]);
        }
    }

    // The half products are defined as the float32 product of the exactly widened operands;
    // widening whole operands into copies says just that.

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     short[] a, int aOff, int lda, short[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, widen(format, a, aOff, lda, transA ? k : m, transA ? m : k), 0, lda,
                widen(format, b, bOff, ldb, transB ? n : k, transB ? k : n), 0, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, short[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda,
                widen(format, b, bOff, ldb, transB ? n : k, transB ? k : n), 0, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     short[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, widen(format, a, aOff, lda, transA ? k : m, transA ? m : k), 0, lda,
                b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The stored rows × cols matrix at offset with leading dimension ld, widened, at offset 0. */
    private float[] widen(HalfPrecision format, short[] half, int offset, int ld, int rows, int cols) {
        int span = rows <= 0 || cols <= 0 ? 0 : (rows - 1) * ld + cols;
        float[] wide = new float[span];
        halfToFloat(format, half, offset, wide, 0, span);
        return wide;
    }

    @Override
    public void maxPool(float[] x, int xOff, int inPlane, int[] start, int[] offsets, int outPlane,
                        int planeStart, int planeEnd, float[] y, int[] argmax) {
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * inPlane;
            for (int o = 0, out = p * outPlane; o < outPlane; o++, out++) {
                int best = start[o] + offsets[0];
                float max = x[in + best];
                for (int j = 1; j < offsets.length; j++) {
                    float v = x[in + start[o] + offsets[j]];
                    if (v > max || Float.isNaN(v)) {
                        max = v;
                        best = start[o] + offsets[j];
                    }
                }
                y[out] = max;
                argmax[out] = best;
            }
        }
    }

    @Override
    public void copyRuns(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * cols, cols);
        }
    }

    @Override
    public void addRuns(float[] src, int srcOff, float[] dst, int dstOff, int dstStride, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                dst[dstOff + r * dstStride + q] += src[srcOff + r * cols + q];
            }
        }
    }

    @Override
    public void averagePool(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        ScalarPooling.average(windows, x, xOff, planeStart, planeEnd, y);
    }

    @Override
    public void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n) {
        ScalarIndexing.clamp(x, xOff, min, max, out, pass, outOff, n);
    }

    @Override
    public int argMax(float[] a, int off, int n) {
        return ScalarIndexing.argExtreme(a, off, n, true);
    }

    @Override
    public int argMin(float[] a, int off, int n) {
        return ScalarIndexing.argExtreme(a, off, n, false);
    }

    @Override
    public void addRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        ScalarIndexing.addRows(src, srcOff, rows, dst, dstOff, rowLength);
    }

    @Override
    public void product(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
                        int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        ScalarAttention.product(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
    }

    @Override
    public float expShifted(float[] a, int off, int n, float shift) {
        return ScalarAttention.expShifted(a, off, n, shift);
    }

    @Override
    public void softmaxGradient(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        ScalarAttention.softmaxGradient(p, pOff, gradient, gOff, delta, n);
    }

    @Override
    public void scaleKept(long[] keep, long firstBit, float scale, float[] x, int off, int n) {
        ScalarIndexing.scaleKept(keep, firstBit, scale, x, off, n);
    }

    @Override
    public void layerNormForward(float[] x, int xOff, int r0, int r1, int d, float eps, float[] w, int wOff,
                                 float[] b, int bOff, float[] normalized, float[] rstd, float[] y) {
        LayerNormRows.forward(x, xOff, r0, r1, d, eps, w, wOff, b, bOff, normalized, rstd, y);
    }

    @Override
    public void layerNormBackward(float[] g, int gOff, float[] normalized, float[] rstd, int r0, int r1, int d,
                                  float[] w, int wOff, float[] dx, float[] dw, float[] db, float[] scratch) {
        LayerNormRows.backward(g, gOff, normalized, rstd, r0, r1, d, w, wOff, dx, dw, db, scratch);
    }

    @Override
    public void dropout(long state, long threshold, float scale, float[] x, int xOff, float[] mask, float[] out,
                        int off, int n) {
        ScalarIndexing.dropout(state, threshold, scale, x, xOff, mask, out, off, n);
    }
}
