package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), at the CPU's preferred width.
 * Every loop runs whole vectors up to {@code SPECIES.loopBound(n)} and finishes the last
 * few elements with the scalar formula of {@link UnaryOp} / {@link BinaryOp}. Reductions
 * keep four independent accumulators and add their lanes in a fixed order, so a result
 * depends only on the data, never on the JIT or the thread count. The unary loops are in
 * {@link VectorUnary}, the binary ones in {@link VectorBinary}, the matrix multiply in
 * {@link VectorGemm}, softmax rows and the optimizers' updates in {@link VectorRows} and
 * {@link VectorParameterUpdates}.
 *
 * <p>Line budget: one class per Kernels implementation keeps each op's vector loop beside
 * the others it is tuned with; the unary and GEMM loops already live in their own files.
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int vectorBitSize() {
        return SPECIES.vectorBitSize();
    }

    // ---------------------------------------------------------------- fused layer epilogues

    @Override
    public void biasActivation(UnaryOp op, float param, float[] z, int zOff, float[] bias, int biasOff,
                               float[] y, int yOff, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int zRow = zOff + i * cols;
            if (bias != null) {
                binary(BinaryOp.ADD, z, zRow, 1, bias, biasOff, 1, z, zRow, cols);
            }
            if (op != null) {
                unary(op, param, z, zRow, y, yOff + i * cols, cols);
            }
        }
    }

    @Override
    public void columnSums(float[] a, int off, int ld, int rows, int cols, float[] out, int outOff) {
        int j = 0;
        // Four vectors of columns at once: four independent chains of additions, each row read once.
        for (; j + 4 * L <= cols; j += 4 * L) {
            FloatVector t0 = zero(), t1 = zero(), t2 = zero(), t3 = zero();
            for (int b = 0; b < rows; b += COLUMN_SUM_BLOCK) {
                FloatVector b0 = zero(), b1 = zero(), b2 = zero(), b3 = zero();
                for (int i = b, end = Math.min(rows, b + COLUMN_SUM_BLOCK); i < end; i++) {
                    int at = off + i * ld + j;
                    b0 = b0.add(load(a, at));
                    b1 = b1.add(load(a, at + L));
                    b2 = b2.add(load(a, at + 2 * L));
                    b3 = b3.add(load(a, at + 3 * L));
                }
                t0 = t0.add(b0);
                t1 = t1.add(b1);
                t2 = t2.add(b2);
                t3 = t3.add(b3);
            }
            t0.intoArray(out, outOff + j);
            t1.intoArray(out, outOff + j + L);
            t2.intoArray(out, outOff + j + 2 * L);
            t3.intoArray(out, outOff + j + 3 * L);
        }
        for (int bound = SPECIES.loopBound(cols); j < bound; j += L) {
            FloatVector total = zero();
            for (int b = 0; b < rows; b += COLUMN_SUM_BLOCK) {
                FloatVector block = zero();
                for (int i = b, end = Math.min(rows, b + COLUMN_SUM_BLOCK); i < end; i++) {
                    block = block.add(load(a, off + i * ld + j));
                }
                total = total.add(block);
            }
            total.intoArray(out, outOff + j);
        }
        for (; j < cols; j++) {
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
    public void addRowBias(float[] in, int inOff, int inStride, float[] bias, int biasOff, int biasStride,
                           float[] out, int outOff, int outStride, int rows, int columns) {
        VectorEpilogues.addRowBias(in, inOff, inStride, bias, biasOff, biasStride, out, outOff, outStride, rows, columns);
    }

    @Override
    public void scaleShiftRows(float[] in, int inOff, int inStride, float[] scale, float[] shift, int paramOff,
                               int paramStride, float[] residual, int residualOff, int residualStride, UnaryOp op,
                               float param, float[] out, int outOff, int outStride, int rows, int columns) {
        VectorEpilogues.scaleShiftRows(this, in, inOff, inStride, scale, shift, paramOff, paramStride, residual,
                residualOff,
                residualStride, op, param, out, outOff, outStride, rows, columns);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                       float[] out, int outOff, int n) {
        VectorBinary.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    @Override
    public void unary(UnaryOp op, float param, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = SPECIES.loopBound(n);
        if (!VectorUnary.forward(op, param, a, aOff, out, outOff, i)) {
            i = 0;
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], param);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                              float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        int i = SPECIES.loopBound(n);
        var grad = new VectorUnary.Grad(x, xOff, y, yOff, gradOut, gOff, gradIn, giOff);
        if (!VectorUnary.backward(op, param, grad, i)) {
            i = 0;
        }
        for (; i < n; i++) {
            gradIn[giOff + i] = gradOut[gOff + i] * op.derivative(x[xOff + i], y[yOff + i], param);
        }
    }

    @Override
    public void select(float[] cond, int cOff, float[] a, int aOff, float[] b, int bOff,
                       float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
            // NaN != 0 holds, so a NaN condition picks a, as in the scalar form.
            var pickA = load(cond, cOff + i).compare(VectorOperators.NE, 0f);
            load(b, bOff + i).blend(load(a, aOff + i), pickA).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = cond[cOff + i] != 0f ? a[aOff + i] : b[bOff + i];
        }
    }

    @Override
    public void select(float[] cond, int cOff, int cStride, float[] a, int aOff, int aStride,
                       float[] b, int bOff, int bStride, float[] out, int outOff, int n) {
        VectorRows.select(cond, cOff, cStride, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
    }

    @Override
    public void softmax(float[] x, int xOff, int n, float[] out, int outOff) {
        VectorRows.softmax(x, xOff, n, ScalarKernels.shift(max(x, xOff, n)), out, outOff);
    }

    @Override
    public void logSoftmax(float[] x, int xOff, int n, float[] out, int outOff) {
        float shift = ScalarKernels.shift(max(x, xOff, n));
        VectorRows.logSoftmax(x, xOff, n, shift, (float) Math.log(sumExp(x, xOff, n, shift)), out, outOff);
    }

    @Override
    public void sgdUpdate(ParameterUpdates.Sgd rule, float[] value, float[] gradient, float[] buffer, int off, int n) {
        VectorParameterUpdates.sgd(rule, value, gradient, buffer, off, n);
    }

    @Override
    public void adamUpdate(ParameterUpdates.Adam rule, float[] value, float[] gradient, float[] m, float[] v,
                           float[] vMax, int off, int n) {
        VectorParameterUpdates.adam(rule, value, gradient, m, v, vMax, off, n);
    }

    @Override
    public void rmsPropUpdate(ParameterUpdates.RmsProp rule, float[] value, float[] gradient, float[] square,
                              float[] mean, float[] buffer, int off, int n) {
        VectorParameterUpdates.rmsProp(rule, value, gradient, square, mean, buffer, off, n);
    }

    @Override
    public void adaGradUpdate(ParameterUpdates.AdaGrad rule, float[] value, float[] gradient, float[] sum, int off, int n) {
        VectorParameterUpdates.adaGrad(rule, value, gradient, sum, off, n);
    }

    @Override
    public float sum(float[] a, int off, int n) {
        return VectorRows.sum(a, off, n);
    }

    @Override
    public float max(float[] a, int off, int n) {
        return extreme(a, off, n, true);
    }

    @Override
    public float min(float[] a, int off, int n) {
        return extreme(a, off, n, false);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return VectorRows.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float sumExp(float[] a, int off, int n, float shift) {
        return VectorRows.sumExp(a, off, n, shift);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
            load(x, xOff + i).fma(av, load(y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (empty(m, n, k, alpha, beta, c, cOff, ldc)) {
            return;
        }
        if (!transA && transB && VectorInnerProducts.pays(m, n)) {
            new VectorInnerProducts(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc).run();
            return;
        }
        new VectorGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc).run();
    }

    @Override
    public RowOffsetGemm rowOffsetGemm() {
        return VectorRowOffsetGemm.INSTANCE;
    }

    /**
     * Handles a product with no output or no depth (then C = alpha·0 + beta·C, as the scalar
     * definition gives) and says whether it did.
     */
    static boolean empty(int m, int n, int k, float alpha, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return true;
        }
        if (k > 0) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0, row = cOff + i * ldc; j < n; j++) {
                c[row + j] = beta == 0f ? alpha * 0f : alpha * 0f + beta * c[row + j];
            }
        }
        return true;
    }

    @Override
    public void halfToFloat(HalfPrecision format, short[] src, int srcOff, float[] dst, int dstOff, int n) {
        VectorHalfPrecision.halfToFloat(format, src, srcOff, dst, dstOff, n);
    }

    @Override
    public void floatToHalf(HalfPrecision format, float[] src, int srcOff, short[] dst, int dstOff, int n) {
        VectorHalfPrecision.floatToHalf(format, src, srcOff, dst, dstOff, n);
    }

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     short[] a, int aOff, int lda, short[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        VectorHalfGemm.run(format, transA, transB, m, n, k, alpha, null, a, aOff, lda, null, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, short[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        VectorHalfGemm.run(format, transA, transB, m, n, k, alpha, a, null, aOff, lda, null, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     short[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        VectorHalfGemm.run(format, transA, transB, m, n, k, alpha, null, a, aOff, lda, b, null, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Largest (or smallest) value; Math.max/min and their lanewise forms let any NaN win. */
    private static float extreme(float[] a, int off, int n, boolean largest) {
        float start = largest ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector m0 = FloatVector.broadcast(SPECIES, start), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            m0 = extreme(largest, m0, load(a, off + i));
            m1 = extreme(largest, m1, load(a, off + i + L));
            m2 = extreme(largest, m2, load(a, off + i + 2 * L));
            m3 = extreme(largest, m3, load(a, off + i + 3 * L));
        }
        for (int bound = SPECIES.loopBound(n); i < bound; i += L) {
            m0 = extreme(largest, m0, load(a, off + i));
        }
        // Math.max and Math.min are commutative (NaN and ±0 included): the lane order is free,
        // and a reduction allocates no array per call.
        FloatVector all = extreme(largest, extreme(largest, m0, m1), extreme(largest, m2, m3));
        float m = largest ? all.reduceLanes(VectorOperators.MAX) : all.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            m = largest ? Math.max(m, a[off + i]) : Math.min(m, a[off + i]);
        }
        return m;
    }

    /**
     * Lanewise max or min. Each branch names its operator as a constant, as the JIT needs
     * for a vector instruction; the loop-invariant choice is hoisted out of the loops.
     */
    private static FloatVector extreme(boolean largest, FloatVector x, FloatVector y) {
        return largest ? x.max(y) : x.min(y);
    }

    /** The lanes of v added first to last: reduceLanes(ADD) leaves the order to the JIT. */
    static float addLanes(FloatVector v) {
        float[] lanes = v.toArray();
        float s = 0f;
        for (float lane : lanes) {
            s += lane;
        }
        return s;
    }

    @Override
    public void maxPool(float[] x, int xOff, int inPlane, int[] start, int[] offsets, int outPlane,
                        int planeStart, int planeEnd, float[] y, int[] argmax) {
        VectorPooling.max(x, xOff, inPlane, start, offsets, outPlane, planeStart, planeEnd, y, argmax);
    }

    /**
     * Whole vectors only: a run's last vector may reach past the run into the runs after it,
     * which are written later; a tail whose vector would pass the end of the runs (or of src) is
     * copied one by one.
     */
    @Override
    public void copyRuns(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int rows, int cols) {
        int end = dstOff + rows * cols;
        for (int r = 0; r < rows; r++) {
            int from = srcOff + r * srcStride;
            int to = dstOff + r * cols;
            int q = 0;
            for (; q + L <= cols; q += L) {
                load(src, from + q).intoArray(dst, to + q);
            }
            if (q < cols && to + q + L <= end && from + q + L <= src.length) {
                load(src, from + q).intoArray(dst, to + q);
                continue;
            }
            for (; q < cols; q++) {
                dst[to + q] = src[from + q];
            }
        }
    }

    /**
     * Whole vectors; a run's last columns are added under a mask made once, with whole-vector
     * loads and stores that rewrite the lanes past the run with their own values, as long as
     * those lanes lie within the runs of this call (a masked store costs far more). The last
     * run's tail goes one by one.
     */
    @Override
    public void addRuns(float[] src, int srcOff, float[] dst, int dstOff, int dstStride, int rows, int cols) {
        int whole = SPECIES.loopBound(cols);
        int end = dstOff + (rows - 1) * dstStride + cols;
        for (int r = 0; r < rows; r++) {
            int from = srcOff + r * cols;
            int to = dstOff + r * dstStride;
            for (int q = 0; q < whole; q += L) {
                load(dst, to + q).add(load(src, from + q)).intoArray(dst, to + q);
            }
            if (whole == cols) {
                continue;
            }
            if (to + whole + L <= end && from + whole + L <= src.length) {
                // A blend, not a masked add: C2 sometimes leaves a masked add (with the mask made
                // outside the loop) to the Java fallback, which allocated 30 MB per CNN training step.
                FloatVector before = load(dst, to + whole);
                before.blend(before.add(load(src, from + whole)), SPECIES.indexInRange(whole, cols))
                        .intoArray(dst, to + whole);
            } else {
                for (int q = whole; q < cols; q++) {
                    dst[to + q] += src[from + q];
                }
            }
        }
    }

    // Max pooling with windows clipped by padding, the pooling gradients, gather, scatter-add and
    // row copies are the scalar definitions, the interface's defaults (Kernels says why).

    @Override
    public void maxPoolValues(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        VectorPooling.maxValues(windows, x, xOff, planeStart, planeEnd, y);
    }

    @Override
    public void maxPoolHalving(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd,
                               float[] y, int[] argmax) {
        VectorPooling.maxHalving(windows, x, xOff, planeStart, planeEnd, y, argmax);
    }

    @Override
    public void averagePool(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        VectorPooling.average(windows, x, xOff, planeStart, planeEnd, y);
    }

    @Override
    public void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n) {
        VectorIndexing.clamp(x, xOff, min, max, out, pass, outOff, n);
    }

    @Override
    public int argMax(float[] a, int off, int n) {
        return VectorIndexing.argExtreme(this, a, off, n, true);
    }

    @Override
    public int argMin(float[] a, int off, int n) {
        return VectorIndexing.argExtreme(this, a, off, n, false);
    }

    @Override
    public void addRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        VectorIndexing.addRows(src, srcOff, rows, dst, dstOff, rowLength);
    }

    @Override
    public void product(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
                        int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        VectorAttention.product(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
    }

    @Override
    public float expShifted(float[] a, int off, int n, float shift) {
        return VectorAttention.expShifted(a, off, n, shift);
    }

    @Override
    public void softmaxGradient(float[] p, int pOff, float[] gradient, int gOff, float delta, int n) {
        VectorAttention.softmaxGradient(p, pOff, gradient, gOff, delta, n);
    }

    @Override
    public void scaleKept(long[] keep, long firstBit, float scale, float[] x, int off, int n) {
        VectorIndexing.scaleKept(keep, firstBit, scale, x, off, n);
    }

    @Override
    public void layerNormForward(float[] x, int xOff, int r0, int r1, int d, float eps, float[] w, int wOff,
                                 float[] b, int bOff, float[] normalized, float[] rstd, float[] y) {
        VectorLayerNormRows.forward(x, xOff, r0, r1, d, eps, w, wOff, b, bOff, normalized, rstd, y);
    }

    @Override
    public void layerNormBackward(float[] g, int gOff, float[] normalized, float[] rstd, int r0, int r1, int d,
                                  float[] w, int wOff, float[] dx, float[] dw, float[] db, float[] scratch) {
        VectorLayerNormRows.backward(g, gOff, normalized, rstd, r0, r1, d, w, wOff, dx, dw, db, scratch);
    }

    @Override
    public void dropout(long state, long threshold, float scale, float[] x, int xOff, float[] mask, float[] out,
                        int off, int n) {
        VectorIndexing.dropout(state, threshold, scale, x, xOff, mask, out, off, n);
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }

    private static FloatVector zero() {
        return FloatVector.zero(SPECIES);
    }
}
