package dev.nabla.kernels;

/**
 * The raw numeric loops under every tensor op: primitive arrays, offsets, lengths and
 * strides in, results written to an output array. Kernels know nothing of shapes beyond
 * that, nor of gradients.
 *
 * <p>{@link ScalarKernels} is the definition; faster implementations must agree with it
 * (exactly for pure data movement and comparisons, to float rounding for arithmetic).
 * Reductions sum in a fixed order that does not depend on the number of threads.
 *
 * <p>Matrices are row-major: element (i, j) of an {@code m × n} matrix with leading
 * dimension {@code ld} sits at {@code offset + i * ld + j}.
 *
 * <p><b>Half precision.</b> bfloat16 and float16 values are stored as raw bits in
 * {@code short[]} ({@link HalfPrecision}) and always computed in float32. A tensor storage
 * holding halves (the tensor package's {@code Storage}) calls: {@link #halfToFloat} /
 * {@link #floatToHalf} to convert
 * (casting, loading, saving; an optimizer keeping float32 master weights rounds them with
 * {@code floatToHalf} after each step); the half {@code gemm} overloads for matrix products,
 * which widen the halves while packing them and accumulate in float32, so a dense layer with
 * bfloat16 weights and float32 activations computes {@code x · Wᵀ} with
 * {@code gemm(BFLOAT16, false, true, ..., float[] x, ..., short[] w, ...)} and its input
 * gradient {@code g · W} with {@code transB} false, never holding W in float32; and, for
 * everything else, a widened float32 copy of the operand (element-wise kernels take
 * {@code float[]} only). Results come back in float32; a half result is one more
 * {@code floatToHalf}.
 *
 * <p>Line budget: this interface is the one seam between the tensor package and the two
 * implementations, so every kernel's contract is written here once, beside its signature.
 */
public interface Kernels {

    /** A short name for logs: {@code "vector"} or {@code "scalar"}. */
    String name();

    /** The SIMD register width used, in bits; 0 for scalar code. */
    int vectorBitSize();

    // ---------------------------------------------------------------- fused layer epilogues
    // The loops a fused dense layer runs around its GEMMs (Linear in dev.nabla.tensor).

    /**
     * The forward epilogue of a dense layer over {@code rows} rows of {@code cols} contiguous
     * values: {@code z[i, j] += bias[j]} (skipped when {@code bias} is null), then
     * {@code y[i, j] = op(z[i, j])} (skipped when {@code op} is null, the identity). {@code y}
     * may be {@code z} itself, which then ends up holding the activation.
     */
    void biasActivation(UnaryOp op, float param, float[] z, int zOff, float[] bias, int biasOff,
                        float[] y, int yOff, int rows, int cols);

    /**
     * The sum of each column of a row-major {@code rows × cols} matrix with leading dimension
     * {@code ld} into {@code out[outOff + j]}. Each column is summed in one fixed order, the
     * same in every implementation: rows in blocks of {@link #COLUMN_SUM_BLOCK}, each block
     * in row order, the block sums added in block order. Columns are independent, so splitting
     * them over threads changes nothing.
     */
    void columnSums(float[] a, int off, int ld, int rows, int cols, float[] out, int outOff);

    /** Rows per partial sum in {@link #columnSums}: long columns lose less precision. */
    int COLUMN_SUM_BLOCK = 64;

    // ---------------------------------------------------------------- general kernels

    /**
     * Adds a value per row: {@code out[outOff + r*outStride + j] = in[inOff + r*inStride + j]
     * + bias[biasOff + r*biasStride]} for r in [0, rows), j in [0, columns) (a convolution's bias,
     * one per channel plane; biasStride 0 adds one value to all). One call per image instead of
     * one per channel. This default is the scalar definition.
     */
    default void addRowBias(float[] in, int inOff, int inStride, float[] bias, int biasOff, int biasStride,
                            float[] out, int outOff, int outStride, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            float b = bias[biasOff + r * biasStride];
            int from = inOff + r * inStride;
            int to = outOff + r * outStride;
            for (int j = 0; j < columns; j++) {
                out[to + j] = in[from + j] + b;
            }
        }
    }

    /**
     * A convolution's inference epilogue, a channel plane per row (batch norm folded in, the
     * residual added, the activation): {@code out[r, j] = op(fma(in[r, j], scale[p], shift[p])
     * + residual[r, j])} with {@code p = paramOff + r·paramStride} (0: one scale and shift for
     * all rows, the rows of one channel's plane), rows laid out as in {@link #addRowBias}; no
     * residual when it is null, no activation when op is null. out may be in.
     */
    default void scaleShiftRows(float[] in, int inOff, int inStride, float[] scale, float[] shift, int paramOff,
                                int paramStride, float[] residual, int residualOff, int residualStride, UnaryOp op,
                                float param, float[] out, int outOff, int outStride, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            float s = scale[paramOff + r * paramStride];
            float t = shift[paramOff + r * paramStride];
            int from = inOff + r * inStride;
            int to = outOff + r * outStride;
            for (int j = 0; j < columns; j++) {
                float v = Math.fma(in[from + j], s, t);
                out[to + j] = residual == null ? v : v + residual[residualOff + r * residualStride + j];
            }
            if (op != null) {
                unary(op, param, out, to, out, to, columns);
            }
        }
    }

    /**
     * {@code out[oOff + i] = op(a[aOff + i*aStride], b[bOff + i*bStride])} for i in [0, n).
     * A stride of 0 broadcasts one value; 1 is the common contiguous case.
     */
    void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                float[] out, int outOff, int n);

    /** {@code out[oOff + i] = op(a[aOff + i])} for i in [0, n). */
    void unary(UnaryOp op, float param, float[] a, int aOff, float[] out, int outOff, int n);

    /**
     * The chain rule of a unary op: {@code gradIn[i] = gradOut[i] * op'(x[i])}, where
     * {@code y[i] = op(x[i])} is the forward result.
     */
    void unaryBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                       float[] gradOut, int gOff, float[] gradIn, int giOff, int n);

    /** {@code out[i] = cond[i] != 0 ? a[i] : b[i]}, contiguous. */
    void select(float[] cond, int cOff, float[] a, int aOff, float[] b, int bOff,
                float[] out, int outOff, int n);

    /**
     * {@code out[outOff + i] = cond[cOff + i·cStride] != 0 ? a[aOff + i·aStride] : b[bOff + i·bStride]}
     * for i in [0, n): {@link #select} over strided operands, a stride of 0 repeating one value
     * (a broadcast mask or scalar, never copied out).
     */
    void select(float[] cond, int cOff, int cStride, float[] a, int aOff, int aStride,
                float[] b, int bOff, int bStride, float[] out, int outOff, int n);

    /**
     * Softmax of n ≥ 1 contiguous values: {@code out[i] = exp(x[i] − shift) / Σ exp(x[j] − shift)},
     * with shift the largest value (0 when that is infinite, so an all −inf row gives NaN as in
     * PyTorch rather than inf − inf).
     */
    void softmax(float[] x, int xOff, int n, float[] out, int outOff);

    /** Log-softmax of n ≥ 1 contiguous values: {@code (x[i] − shift) − log Σ exp(x[j] − shift)}, shift as {@link #softmax}. */
    void logSoftmax(float[] x, int xOff, int n, float[] out, int outOff);

    /** Sum of n contiguous values, in a fixed order. */
    float sum(float[] a, int off, int n);

    /** Largest of n ≥ 1 contiguous values; NaN if any is NaN. */
    float max(float[] a, int off, int n);

    /** Smallest of n ≥ 1 contiguous values; NaN if any is NaN. */
    float min(float[] a, int off, int n);

    /** Dot product of n contiguous values, in a fixed order. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * {@code sum_i exp(a[i] - shift)}: the core of softmax and logSumExp once the caller
     * has subtracted the maximum.
     */
    float sumExp(float[] a, int off, int n, float shift);

    /** {@code y[i] += alpha * x[i]} for i in [0, n). */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /**
     * General matrix multiply, {@code C = alpha·op(A)·op(B) + beta·C}, with op(A) of shape
     * {@code m × k} and op(B) of shape {@code k × n}. {@code transA} means A is stored as a
     * {@code k × m} matrix (op(A) = Aᵀ), likewise {@code transB}. When {@code beta} is 0,
     * C is overwritten (its old contents, even NaN, are ignored). Each element of C is
     * accumulated over k in one fixed order, so splitting rows or columns over threads
     * never changes a result. The order may depend on the shape, m included, except for
     * products {@code A·Bᵀ} ({@code transA} false, {@code transB} true) of at most
     * {@link #ROW_INVARIANT_ROWS} rows: there each row of C is summed the same way whatever m
     * and the other rows, so a caller that needs a row's value to be independent of the batch it
     * sits in (inference) splits its rows into groups of that size.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * The product with B read in place at row offsets ({@link RowOffsetGemm}), which sums like
     * {@link #gemm}; null when these kernels have none (callers then unfold and call gemm).
     */
    default RowOffsetGemm rowOffsetGemm() {
        return null;
    }

    /**
     * The most rows of a product {@code A·Bᵀ} whose every row {@link #gemm} sums in the same
     * order whatever m, in float32 and half precision (inner products, which a dense layer's
     * one-sample forward pass takes as well).
     */
    int ROW_INVARIANT_ROWS = 12;

    /**
     * A small product on the calling thread, {@code C = alpha·A·B} (or {@code C += alpha·A·B} when
     * {@code accumulate}), all row-major with row strides {@code lda}, {@code ldb}, {@code ldc}:
     * A {@code m × k}, B {@code k × n}, C {@code m × n}. No packing and no threads: for the blocks
     * of one attention head, where {@link #gemm}'s set-up costs more than the arithmetic. Each
     * element is summed over k in order by fused multiply-adds from zero, then scaled by alpha
     * (the definition is {@link ScalarAttention#product}).
     */
    void product(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 boolean accumulate, float[] c, int cOff, int ldc);

    /**
     * {@code a[off + i] = exp(a[off + i] − shift)} for i in [0, n), returning their sum (in a fixed
     * order): a softmax row's exponentials shifted by its maximum, or its probabilities from a known
     * log-sum-exp.
     */
    float expShifted(float[] a, int off, int n, float shift);

    /**
     * The softmax's chain rule on a row: {@code gradient[gOff + i] = p[pOff + i]·(gradient[gOff + i] − delta)}
     * for i in [0, n), with {@code delta = Σ p·gradient} computed by the caller.
     */
    void softmaxGradient(float[] p, int pOff, float[] gradient, int gOff, float delta, int n);

    // ---------------------------------------------------------------- optimizer updates
    // One step of an optimizer over elements [off, off + n) of a parameter, its gradient and its
    // state buffers, updated in place; bitwise the scalar definitions in ParameterUpdates.

    /** {@link ParameterUpdates.Sgd}; {@code buffer} is null without momentum. */
    void sgdUpdate(ParameterUpdates.Sgd rule, float[] value, float[] gradient, float[] buffer, int off, int n);

    /** {@link ParameterUpdates.Adam}; {@code vMax} is null without AMSGrad. */
    void adamUpdate(ParameterUpdates.Adam rule, float[] value, float[] gradient, float[] m, float[] v, float[] vMax,
                    int off, int n);

    /** {@link ParameterUpdates.RmsProp}; {@code mean} is null unless centered, {@code buffer} without momentum. */
    void rmsPropUpdate(ParameterUpdates.RmsProp rule, float[] value, float[] gradient, float[] square, float[] mean,
                       float[] buffer, int off, int n);

    /** {@link ParameterUpdates.AdaGrad}. */
    void adaGradUpdate(ParameterUpdates.AdaGrad rule, float[] value, float[] gradient, float[] sum, int off, int n);

    // ---------------------------------------------------------------- half precision

    /**
     * {@code dst[dstOff + i] = format.toFloat(src[srcOff + i])} for i in [0, n): halves to
     * float32, exactly.
     */
    void halfToFloat(HalfPrecision format, short[] src, int srcOff, float[] dst, int dstOff, int n);

    /**
     * {@code dst[dstOff + i] = format.fromFloat(src[srcOff + i])} for i in [0, n): float32 to
     * the nearest half, ties to even, bit for bit as {@link HalfPrecision#fromFloat}.
     */
    void floatToHalf(HalfPrecision format, float[] src, int srcOff, short[] dst, int dstOff, int n);

    /**
     * {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int,
     * float, float[], int, int) gemm} with both operands in half precision: the float32 product
     * of the operands widened exactly to float32 ({@link #halfToFloat}), accumulated and
     * written in float32. So C differs from the float32 product of unrounded operands only by
     * the operands' rounding into {@code format} (at most {@link HalfPrecision#unitRoundoff}
     * relative, per operand).
     */
    void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
              short[] a, int aOff, int lda, short[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * The half-precision {@code gemm} with A in float32 and B in {@code format}: activations
     * times half weights.
     */
    void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, short[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * The half-precision {@code gemm} with A in {@code format} and B in float32: half weights
     * times activations (a convolution's {@code W · columns}).
     */
    void gemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
              short[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * Max pooling over windows of one shape. For each plane p in {@code [planeStart, planeEnd)}
     * (planes {@code inPlane} apart from {@code xOff}) and each output o in {@code [0, outPlane)},
     * the window's elements are {@code x[xOff + p·inPlane + start[o] + offsets[j]]} for j in
     * order; {@code y[p·outPlane + o]} gets the first largest of them, or the last NaN if any is
     * NaN, and {@code argmax[p·outPlane + o]} its position in the plane,
     * {@code start[o] + offsets[j]}.
     */
    void maxPool(float[] x, int xOff, int inPlane, int[] start, int[] offsets, int outPlane,
                 int planeStart, int planeEnd, float[] y, int[] argmax);

    /**
     * Copies {@code rows} runs of {@code cols} values, {@code srcStride} apart in src, into
     * consecutive runs in dst: {@code dst[dstOff + r·cols + q] = src[srcOff + r·srcStride + q]}.
     * Nothing else in dst changes. (The shape of im2col: short image rows into one long row.)
     */
    void copyRuns(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int rows, int cols);

    /**
     * The adjoint of {@link #copyRuns}: adds consecutive runs of src onto runs
     * {@code dstStride} apart in dst: {@code dst[dstOff + r·dstStride + q] += src[srcOff + r·cols + q]}.
     */
    void addRuns(float[] src, int srcOff, float[] dst, int dstOff, int dstStride, int rows, int cols);

    /**
     * Max pooling over windows of any shape (clipped by padding): for each plane p in
     * {@code [planeStart, planeEnd)} and each output, the first largest value of its window
     * (the last NaN if any is NaN) into {@code y[p·outPlane + o]} and its position in the plane
     * into {@code argmax}, as {@link #maxPool(float[], int, int, int[], int[], int, int, int, float[], int[])}.
     */
    default void maxPool(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd, float[] y,
                         int[] argmax) {
        // Windows of several shapes leave no lanes that pay for gathers: one scalar definition for both twins.
        ScalarPooling.max(windows, x, xOff, planeStart, planeEnd, y, argmax);
    }

    /**
     * {@link #maxPool(PoolingGeometry, float[], int, int, int, float[], int[])} without the
     * positions, for inference: the same values, bit for bit.
     */
    default void maxPoolValues(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd,
                               float[] y) {
        ScalarPooling.maxValues(windows, x, xOff, planeStart, planeEnd, y);
    }

    /**
     * Max pooling over 2 × 2 windows every 2 positions, nothing padded (PyTorch's
     * {@code MaxPool2d(2)}): {@code windows} must have {@code rowStart[oh] = 2·oh},
     * {@code rowEnd[oh] = 2·oh + 2} and the same for the columns. Output (oh, ow) of plane p reads
     * rows 2oh and 2oh + 1, columns 2ow and 2ow + 1, in that order, and gets the first largest
     * (the last NaN if any); {@code argmax}, unless null, gets its position in the plane, as
     * {@link #maxPool(PoolingGeometry, float[], int, int, int, float[], int[])} would.
     */
    default void maxPoolHalving(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd,
                                float[] y, int[] argmax) {
        ScalarPooling.maxHalving(windows, x, xOff, planeStart, planeEnd, y, argmax);
    }

    /**
     * The adjoint of max pooling: {@code gx[p·inPlane + argmax[o]] += gy[gOff + o]} for the outputs o
     * of planes {@code [planeStart, planeEnd)}, in output order.
     */
    default void maxPoolBackward(float[] gy, int gOff, int[] argmax, int inPlane, int outPlane, int planeStart,
                                 int planeEnd, float[] gx) {
        // Two outputs may add to one input (overlapping windows): a scatter, the scalar loop for both twins.
        ScalarPooling.maxBackward(gy, gOff, argmax, inPlane, outPlane, planeStart, planeEnd, gx);
    }

    /**
     * Average pooling: each output of planes {@code [planeStart, planeEnd)} gets the sum of its
     * window (rows, then columns, in order) divided by {@code rowCount[oh] · columnCount[ow]}.
     */
    void averagePool(PoolingGeometry windows, float[] x, int xOff, int planeStart, int planeEnd, float[] y);

    /**
     * The adjoint of average pooling: each output gradient of planes {@code [planeStart, planeEnd)},
     * divided by its window's count, is added over its window, outputs in order.
     */
    default void averagePoolBackward(PoolingGeometry windows, float[] gy, int gOff, int planeStart, int planeEnd,
                                     float[] gx) {
        ScalarPooling.averageBackward(windows, gy, gOff, planeStart, planeEnd, gx);   // a scatter, as above
    }

    // ---------------------------------------------------------------- clamp, arg-extremes, indexing

    /**
     * {@code out[outOff + i] = min(max(x[xOff + i], min), max)} (NaN stays NaN) and
     * {@code pass[outOff + i]} 1 where {@code min ≤ x ≤ max}, else 0 (the gradient mask).
     */
    void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n);

    /** Position in [0, n) of the first largest of n ≥ 1 contiguous values, or of the first NaN. */
    int argMax(float[] a, int off, int n);

    /** Position in [0, n) of the first smallest of n ≥ 1 contiguous values, or of the first NaN. */
    int argMin(float[] a, int off, int n);

    /** {@code dst[dstOff + i] = src[srcOff + positions[posOff + i]]} for i in [0, n). */
    default void gather(float[] src, int srcOff, int[] positions, int posOff, float[] dst, int dstOff, int n) {
        // A hardware gather loads lane by lane, and measured no faster than the plain loop.
        ScalarIndexing.gather(src, srcOff, positions, posOff, dst, dstOff, n);
    }

    /**
     * {@code dst[dstOff + positions[posOff + i]] += src[srcOff + i]} for i in [0, n), in that order:
     * positions may repeat.
     */
    default void scatterAdd(float[] src, int srcOff, int[] positions, int posOff, float[] dst, int dstOff, int n) {
        // Positions may repeat, and a vector scatter would lose all but one addition.
        ScalarIndexing.scatterAdd(src, srcOff, positions, posOff, dst, dstOff, n);
    }

    /**
     * Copies the chosen rows of {@code rowLength} values:
     * {@code dst[dstOff + j·rowLength + q] = src[srcOff + rows[j]·rowLength + q]}.
     */
    default void copyRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        ScalarIndexing.copyRows(src, srcOff, rows, dst, dstOff, rowLength);   // System.arraycopy per row
    }

    /**
     * The adjoint of {@link #copyRows}: {@code dst[dstOff + rows[j]·rowLength + q] += src[srcOff + j·rowLength + q]},
     * j in order (rows may repeat).
     */
    void addRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength);

    /**
     * Dropout by a bit mask: {@code x[off + j] = x[off + j] · scale} where bit {@code firstBit + j}
     * of {@code keep} is set (bit b is {@code keep[b / 64] >>> (b % 64) & 1}), else 0, for j in [0, n).
     */
    void scaleKept(long[] keep, long firstBit, float scale, float[] x, int off, int n);

    /**
     * Layer normalisation of rows [r0, r1) ({@link LayerNormRows#forward}: x̂ into normalized,
     * rstd, and {@code y = x̂·w + b}); the row sums in each twin's own order.
     */
    void layerNormForward(float[] x, int xOff, int r0, int r1, int d, float eps, float[] w, int wOff, float[] b,
                          int bOff, float[] normalized, float[] rstd, float[] y);

    /** The backward of {@link #layerNormForward} over rows [r0, r1), as {@link LayerNormRows#backward}. */
    void layerNormBackward(float[] g, int gOff, float[] normalized, float[] rstd, int r0, int r1, int d,
                           float[] w, int wOff, float[] dx, float[] dw, float[] db, float[] scratch);

    /**
     * Inverted dropout with its own draws: element j's draw is {@code SplitMix64.mix(state + (j + 1)·GAMMA)}
     * ({@link SplitMix64}); it is kept when the draw's top 24 bits are below {@code threshold}.
     * {@code mask[off + j]} becomes {@code scale} (kept) or 0, and {@code out[off + j] = x[xOff + j]·mask[off + j]},
     * for j in [0, n).
     */
    void dropout(long state, long threshold, float scale, float[] x, int xOff, float[] mask, float[] out, int off, int n);
}
