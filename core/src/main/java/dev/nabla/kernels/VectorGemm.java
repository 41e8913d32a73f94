package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One call of {@link Kernels#gemm}: {@code C = alpha·op(A)·op(B) + beta·C} on the Vector API,
 * in the classic blocked shape (Goto / BLIS).
 *
 * <ul>
 *   <li>C is cut into fixed blocks of {@link #MC} rows × {@link #NC} columns; each block is
 *       one task for {@link Parallel}, so the split never depends on the thread count.</li>
 *   <li>Within a block, k is walked in slices of {@link #KC}. For each slice the block's rows
 *       of op(A) are packed into row panels of {@link #MR} rows (a block that stays in L2),
 *       and op(B) one panel of {@link #NR} columns at a time, which every row panel of the
 *       block then reuses while it is hot in cache. Packing is also where transposes are
 *       absorbed and ragged edges are padded with zeros.</li>
 *   <li>The micro-kernel keeps an MR × NR tile of C in 16 vector registers and adds one
 *       rank-1 update (FMA) per step of k.</li>
 * </ul>
 *
 * Each element of C is therefore summed over k in slice order, and within a slice in
 * order of k, whatever the thread count. The first slice applies beta (beta 0 ignores C's
 * old value, NaN included); later slices add to C.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** Rows of the micro-tile; with two vectors of columns: 16 accumulators. */
    static final int MR = 8;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of one packed slice of k; a B panel is KC × NR floats (32 KB at 512 bits). */
    static final int KC = 256;
    /** Rows of C per task: the packed A block of MC × KC floats (128 KB) fits in L2. */
    static final int MC = 128;
    /** Columns of C per task. */
    static final int NC = 256;
    /** Below this many multiply-adds everything runs on the caller's thread. */
    private static final long SMALL = 64L * 64 * 64;

    private final boolean transA, transB;
    private final int m, n, k;
    private final float alpha, beta;
    private final float[] a, b, c;
    private final int aOff, lda, bOff, ldb, cOff, ldc;

    VectorGemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc) {
        this.transA = transA;
        this.transB = transB;
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

    void run() {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            scaleOnly();
            return;
        }
        int rowBlocks = Parallel.chunkCount(m, MC);
        int tasks = rowBlocks * Parallel.chunkCount(n, NC);
        Parallel.RangeBody body = (start, end) -> {
            for (int t = start; t < end; t++) {
                block(t % rowBlocks * MC, t / rowBlocks * NC);
            }
        };
        if ((long) m * n * k < SMALL) {
            body.run(0, tasks);
        } else {
            Parallel.forEachTask(tasks, body);
        }
    }

    /** C = alpha·0 + beta·C, as the scalar definition gives for k = 0. */
    private void scaleOnly() {
        for (int i = 0; i < m; i++) {
            for (int j = 0, row = cOff + i * ldc; j < n; j++) {
                c[row + j] = beta == 0f ? alpha * 0f : alpha * 0f + beta * c[row + j];
            }
        }
    }

    /** The block of C at rows [i0, i0 + MC) and columns [j0, j0 + NC), clipped to C. */
    private void block(int i0, int j0) {
        int mc = Math.min(MC, m - i0);
        int nc = Math.min(NC, n - j0);
        int slice = Math.min(KC, k);
        float[] aPacked = new float[roundUp(mc, MR) * slice];
        float[] bPacked = new float[slice * NR];
        float[] tile = new float[MR * NR];
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            packA(i0, mc, p0, kc, aPacked);
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                packB(p0, kc, j0 + jr, nr, bPacked);
                for (int ir = 0; ir < mc; ir += MR) {
                    microKernel(aPacked, ir * kc, bPacked, kc, tile);
                    store(tile, i0 + ir, j0 + jr, Math.min(MR, mc - ir), nr, p0 == 0);
                }
            }
        }
    }

    /**
     * Rows [i0, i0 + mc) × k [p0, p0 + kc) of op(A) into panels of MR rows: element (r, p)
     * of panel q at {@code q·MR·kc + p·MR + r}; rows past mc are zeros.
     */
    private void packA(int i0, int mc, int p0, int kc, float[] dst) {
        for (int q = 0; q * MR < mc; q++) {
            int base = q * MR * kc;
            int rows = Math.min(MR, mc - q * MR);
            int firstRow = i0 + q * MR;
            if (transA) {
                // A is k × m: the panel's rows are contiguous in each stored row p.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + firstRow;
                    int d = base + p * MR;
                    System.arraycopy(a, src, dst, d, rows);
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    if (r < rows) {
                        int src = aOff + (firstRow + r) * lda + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * k [p0, p0 + kc) × columns [j0, j0 + cols) of op(B) into one panel: element (p, j) at
     * {@code p·NR + j}; columns past cols are zeros.
     */
    private void packB(int p0, int kc, int j0, int cols, float[] dst) {
        if (transB) {
            // B is n × k: column j of op(B) is stored row j.
            for (int j = 0; j < NR; j++) {
                if (j < cols) {
                    int src = bOff + (j0 + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[p * NR + j] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[p * NR + j] = 0f;
                    }
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, dst, p * NR, cols);
                for (int j = cols; j < NR; j++) {
                    dst[p * NR + j] = 0f;
                }
            }
        }
    }

    /** tile (MR × NR, row-major) = the A panel at aBase times the B panel, summed over kc. */
    private static void microKernel(float[] ap, int aBase, float[] bp, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, p * NR);
            FloatVector b1 = FloatVector.fromArray(S, bp, p * NR + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /**
     * Writes the top-left rows × cols of a tile into C at (i0, j0): on the first slice of k
     * {@code alpha·t + beta·c} (just {@code alpha·t} when beta is 0), later {@code c + alpha·t}.
     * The vector and scalar paths do the same operations, so edges round like the interior.
     */
    private void store(float[] tile, int i0, int j0, int rows, int cols, boolean firstSlice) {
        for (int r = 0; r < rows; r++) {
            int row = cOff + (i0 + r) * ldc + j0;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector t = FloatVector.fromArray(S, tile, r * NR + j).mul(alpha);
                FloatVector out;
                if (!firstSlice) {
                    out = FloatVector.fromArray(S, c, row + j).add(t);
                } else if (beta == 0f) {
                    out = t;
                } else {
                    out = t.add(FloatVector.fromArray(S, c, row + j).mul(beta));
                }
                out.intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                float t = alpha * tile[r * NR + j];
                c[row + j] = !firstSlice ? c[row + j] + t : beta == 0f ? t : t + beta * c[row + j];
            }
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
