package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha·A·Bᵀ + beta·C} as inner products, for A ({@code m × k}) and B
 * ({@code n × k}) stored row-major: both operands run along k in memory, so each element of C
 * is a dot product of two contiguous rows and nothing needs packing or transposing (the
 * blocked {@link VectorGemm} would transpose both). Used for the weight gradient of a
 * convolution ({@code dY · columnsᵀ}) and for a dense layer's forward pass ({@code X · Wᵀ}).
 *
 * <p>A block of {@link #ROWS} × {@link #ROWS} elements of C is summed at once in 16 vector
 * accumulators, lane by lane over k, each step loading four vectors of A and four of B for 16
 * multiply-adds; the lanes are added up at the end. Rows of C are split over threads in fixed
 * blocks, and every element is summed the same way whatever the split, so results do not
 * depend on the thread count.
 */
final class VectorInnerProducts {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** Rows of A and of B in one block. */
    static final int ROWS = 4;

    /** Where a block's accumulators are spilled to add up their lanes. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[ROWS * ROWS * L]);

    private final int m, n, k;
    private final float alpha, beta;
    private final float[] a, b, c;
    private final int aOff, lda, bOff, ldb, cOff, ldc;

    VectorInnerProducts(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
    }

    /**
     * True when inner products beat the blocked kernel for {@code A·Bᵀ}: when C is too narrow
     * or too short to fill the blocked kernel's tiles ({@link VectorGemm#MR} ×
     * {@link VectorGemm#NR}), which it pads with zeros. One-image dense layers and narrow
     * weight gradients run several times faster here; large square products faster blocked
     * (figures in docs/performance.md).
     */
    static boolean pays(int m, int n) {
        return m < 2 * VectorGemm.MR || n < VectorGemm.NR;
    }


    /** For m, n, k ≥ 1. */
    void run() {
        int blocks = (m + ROWS - 1) / ROWS;
        Parallel.RangeBody body = (first, end) -> {
            for (int block = first; block < end; block++) {
                rows(block * ROWS, Math.min(m, block * ROWS + ROWS));
            }
        };
        if ((long) m * n * k <= VectorGemm.SMALL) {
            body.run(0, blocks);
        } else {
            int perTask = (blocks + 2 * Parallel.threads() - 1) / (2 * Parallel.threads());
            if ((long) m * n * k <= VectorGemm.MEDIUM) {
                Parallel.forChunksIfAwake(blocks, Math.max(1, perTask), body);
            } else {
                Parallel.forChunks(blocks, Math.max(1, perTask), body);
            }
        }
    }

    /** Rows [i0, i1) of C, at most {@link #ROWS} of them. */
    private void rows(int i0, int i1) {
        float[] lanes = SCRATCH.get();
        int j = 0;
        if (i1 - i0 == ROWS) {
            for (; j + ROWS <= n; j += ROWS) {
                block(i0, j, lanes);
            }
        }
        for (int i = i0; i < i1; i++) {
            for (int jj = j; jj < n; jj++) {
                put(i, jj, dot(aOff + i * lda, bOff + jj * ldb, lanes));
            }
        }
    }

    /** The 4 × 4 block of C at (i0, j0). */
    private void block(int i0, int j0, float[] lanes) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int a0 = aOff + i0 * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int b0 = bOff + j0 * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        int bound = S.loopBound(k);
        for (int p = 0; p < bound; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            s20 = x2.fma(y, s20);
            s30 = x3.fma(y, s30);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            s21 = x2.fma(y, s21);
            s31 = x3.fma(y, s31);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            s22 = x2.fma(y, s22);
            s32 = x3.fma(y, s32);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
            s23 = x2.fma(y, s23);
            s33 = x3.fma(y, s33);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s02.intoArray(lanes, 2 * L);
        s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L);
        s11.intoArray(lanes, 5 * L);
        s12.intoArray(lanes, 6 * L);
        s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L);
        s21.intoArray(lanes, 9 * L);
        s22.intoArray(lanes, 10 * L);
        s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L);
        s31.intoArray(lanes, 13 * L);
        s32.intoArray(lanes, 14 * L);
        s33.intoArray(lanes, 15 * L);
        for (int e = 0; e < ROWS * ROWS; e++) {
            int i = i0 + e / ROWS;
            int j = j0 + e % ROWS;
            put(i, j, addLanes(lanes, e * L) + tail(aOff + i * lda, bOff + j * ldb, bound));
        }
    }

    /** One row of A times one row of B, lane by lane as {@link #block} sums, then across the lanes. */
    private float dot(int aStart, int bStart, float[] lanes) {
        FloatVector sum = FloatVector.zero(S);
        int bound = S.loopBound(k);
        for (int p = 0; p < bound; p += L) {
            sum = FloatVector.fromArray(S, a, aStart + p).fma(FloatVector.fromArray(S, b, bStart + p), sum);
        }
        sum.intoArray(lanes, 0);
        return addLanes(lanes, 0) + tail(aStart, bStart, bound);
    }

    /**
     * The products past the last whole vector of k, from {@code bound}, summed in order. (A
     * masked last vector would do, but the JIT does not always compile masked loads here into
     * vector code, and then everything slows down.)
     */
    private float tail(int aStart, int bStart, int bound) {
        float sum = 0f;
        for (int p = bound; p < k; p++) {
            sum = Math.fma(a[aStart + p], b[bStart + p], sum);
        }
        return sum;
    }

    /** The L lanes from {@code start}, added in order. */
    private static float addLanes(float[] lanes, int start) {
        float sum = 0f;
        for (int l = start; l < start + L; l++) {
            sum += lanes[l];
        }
        return sum;
    }

    /** C(i, j) = alpha·sum + beta·C(i, j); beta 0 ignores the old value. */
    private void put(int i, int j, float sum) {
        int at = cOff + i * ldc + j;
        c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
    }
}
