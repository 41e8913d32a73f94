package dev.nabla.kernels;

import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One call of {@link Kernels#gemm}, {@code C = alpha·op(A)·op(B) + beta·C}, on the Vector API,
 * in the classic blocked shape (Goto / BLIS).
 *
 * <ul>
 *   <li>The micro-kernel keeps an {@link #MR} × {@link #NR} tile of C in 16 vector registers
 *       and adds one rank-1 update (broadcast of A times two vectors of B, FMA) per step of
 *       k, reading both operands from packed panels: contiguous, zero-padded to whole tiles,
 *       with every transpose absorbed by the packing.</li>
 *   <li>k is cut into slices of {@link #KC}; for each slice a block of op(B), {@link #KC} ×
 *       {@link #NC}, is packed once and reused by every block of {@link #MC} rows of op(A),
 *       each packed once per slice. The sizes come from measurements (docs/performance.md) on
 *       cores with a small L1, an L2 of about 1 MB and a shared L3: deep slices mean C is
 *       read and written once per 1024 steps of k, which matters more than keeping a B panel
 *       in L1 (the micro-kernel streams it from L2 at full speed); the packed B block stays
 *       in L3.</li>
 *   <li>With several threads C is cut into a few strips of whole tiles, claimed dynamically;
 *       a thread packs the B of strips of rows once for all its strips, while strips of
 *       columns each pack A again and so are at least {@link #STRIP_WIDTH} wide; one thread
 *       works in one strip.
 *       Where an element is computed never changes how: it is summed over k slice by slice,
 *       within a slice in order of k by the same FMA sequence, and the first slice applies
 *       beta (beta 0 ignores C's old value, NaN included) while later ones add to C. So results
 *       are bitwise the same for any thread count.</li>
 * </ul>
 *
 * Either operand may be in half precision ({@link HalfPrecision}, {@code short[]}): its block
 * is widened to float32 into a scratch buffer ({@link VectorHalfPrecision#widenBlock}) and
 * packed from there by the float32 code, so the micro-kernel and everything after packing are
 * the same for every format. Widening is exact, so a half product is the float32 product of
 * the widened operands; the extra pass costs O(mk + kn) against the product's O(mnk).
 *
 * <p>Packing buffers are kept per thread and grow to the largest product seen (at most
 * (MC + NC) × KC floats, 4.25 MB, plus MC × KC floats to widen half operands in), so the hot
 * path allocates nothing.
 *
 * <p>Line budget: packing, blocking and the micro-kernel share their block sizes and buffers,
 * and the Vector API compiles the micro-kernel well only while it stays in one small class.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** How a micro-tile reaches C: through {@link #store}, or directly as C = tile or C = C + tile. */
    private static final int NONE = 0, OVERWRITE = 1, ACCUMULATE = 2;
    /** Rows of the micro-tile; with two vectors of columns: 16 accumulators. */
    static final int MR = 8;
    /**
     * A vector of MR floats where the hardware has one (else null): a transposed A panel's
     * line of MR rows is copied as one vector rather than by a {@code System.arraycopy} call.
     */
    private static final VectorSpecies<Float> PANEL_ROWS = L >= MR ? FloatVector.SPECIES_256 : null;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of one slice of k. */
    static final int KC = 1024;
    /** Rows of op(A) packed together: MC × KC floats (256 KB) stay in L2. */
    static final int MC = 64;
    /** Columns of op(B) packed together: KC × NC floats (4 MB) stay in L3. */
    static final int NC = 1024;
    /** Products of at most this many multiply-adds (64 × 64 × 64) stay on the caller's thread. */
    static final long SMALL = 64L * 64 * 64;
    /**
     * Products of at most this many multiply-adds (256 × 256 × 256) are split only when the
     * other threads are awake ({@link Parallel#forChunksIfAwake}). Between the operations of a
     * training step they park, and waking one can cost as much as such a product saves (under
     * a hypervisor especially): splitting the mlp's 128 × 128 × 784 products made its training
     * on two threads slower and erratic (docs/performance.md), while a loop of products, such
     * as a convolution's per image, keeps them awake and gains from splitting.
     */
    static final long MEDIUM = 256L * 256 * 256;
    /** The fewest rows (or columns) a strip of C gets when C is split over threads. */
    static final int STRIP_WIDTH = 64;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Numbers the products, so a thread knows whether its packed B is of this one. */
    private static final AtomicLong PRODUCTS = new AtomicLong();

    private final long id = PRODUCTS.incrementAndGet();

    private final boolean transA, transB;
    private final int m, n, k;
    private final float alpha, beta;
    private final float[] a, b, c;
    /** The operands when in half precision (then a or b is null), in {@link #format}. */
    private final short[] aHalf, bHalf;
    private final HalfPrecision format;
    private final int aOff, lda, bOff, ldb, cOff, ldc;

    VectorGemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc) {
        this(null, transA, transB, m, n, k, alpha, a, null, aOff, lda, b, null, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Each operand either in float32 ({@code a}, {@code b}) or in {@code format} ({@code aHalf}, {@code bHalf}). */
    VectorGemm(HalfPrecision format, boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, short[] aHalf, int aOff, int lda, float[] b, short[] bHalf, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc) {
        this.format = format;
        this.aHalf = aHalf;
        this.bHalf = bHalf;
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

    /** For m, n, k ≥ 1. */
    void run() {
        int rowTiles = ceilDiv(m, MR);
        int colTiles = ceilDiv(n, NR);
        boolean byColumns = colTiles >= rowTiles;
        int tiles = byColumns ? colTiles : rowTiles;
        // Two strips per thread: a thread slowed by another process (or late to wake up) leaves
        // its second to others. Strips of rows share all of B, which a thread packs once for
        // all its strips; strips of columns share A, which each strip packs again, so those
        // get at least STRIP_WIDTH columns (multiply-adds per packed element). One thread
        // works in one strip.
        int strips = Math.min(tiles, 2 * Parallel.threads());
        if (byColumns) {
            strips = Math.min(strips, Math.max(1, n / STRIP_WIDTH));
        }
        if (Parallel.threads() == 1) {
            strips = 1;
        }
        if ((long) m * n * k <= SMALL || strips == 1) {
            strip(0, m, 0, n);
            return;
        }
        int perStrip = ceilDiv(tiles, strips);
        Parallel.RangeBody body = (first, end) -> {
            if (byColumns) {
                strip(0, m, first * NR, Math.min(n, end * NR));
            } else {
                strip(first * MR, Math.min(m, end * MR), 0, n);
            }
        };
        if ((long) m * n * k <= MEDIUM) {
            Parallel.forChunksIfAwake(tiles, perStrip, body);
        } else {
            Parallel.forChunks(tiles, perStrip, body);
        }
    }

    /** Rows [i0, i1) × columns [j0, j1) of C. */
    private void strip(int i0, int i1, int j0, int j1) {
        Buffers buffers = BUFFERS.get();
        int depth = Math.min(KC, k);
        float[] aPacked = buffers.a(ceilDiv(Math.min(MC, i1 - i0), MR) * MR * depth);
        float[] bPacked = buffers.b(ceilDiv(Math.min(NC, j1 - j0), NR) * NR * depth);
        float[] tile = buffers.tile;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                boolean firstSlice = p0 == 0;
                if (!buffers.holdsB(id, jc, p0, nc)) {
                    packB(p0, kc, jc, nc, bPacked, buffers);
                    buffers.heldB(id, jc, p0, nc);
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(ic, mc, p0, kc, aPacked, buffers);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int at = cOff + (ic + ir) * ldc + jc + jr;
                            // A whole tile with alpha 1 goes straight from the registers into C.
                            int direct = rows < MR || cols < NR || alpha != 1f ? NONE
                                    : firstSlice && beta == 0f ? OVERWRITE
                                    : !firstSlice || beta == 1f ? ACCUMULATE : NONE;
                            microKernel(aPacked, ir * kc, bPacked, jr * kc, kc, tile, direct, c, at, ldc);
                            if (direct == NONE) {
                                store(tile, ic + ir, jc + jr, rows, cols, firstSlice);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows [i0, i0 + mc) × k [p0, p0 + kc) of op(A) into panels of MR rows: element (r, p)
     * of panel q at {@code q·MR·kc + p·MR + r}; rows past mc are zeros.
     */
    private void packA(int i0, int mc, int p0, int kc, float[] dst, Buffers buffers) {
        float[] src = a;
        int base = aOff;
        int ld = lda;
        if (aHalf != null) {
            // The block widened into scratch, addressed as if it were A: base is chosen so
            // that the block's first element, (i0, p0), lands at index 0.
            int rows = transA ? kc : mc;
            ld = transA ? mc : kc;
            src = buffers.widened(rows * ld);
            int first = transA ? p0 * lda + i0 : i0 * lda + p0;
            VectorHalfPrecision.widenBlock(format, aHalf, aOff + first, lda, rows, ld, src, 0);
            base = transA ? -(p0 * ld + i0) : -(i0 * ld + p0);
        }
        if (transA) {
            // A is k × m: the block's rows are side by side in each stored row of A, read
            // once each (panel by panel, each line of A would be fetched MC / MR times).
            for (int p = 0, s = base + p0 * ld + i0; p < kc; p++, s += ld) {
                for (int ir = 0; ir < mc; ir += MR) {
                    int rows = Math.min(MR, mc - ir);
                    if (rows == MR && PANEL_ROWS != null) {
                        FloatVector.fromArray(PANEL_ROWS, src, s + ir).intoArray(dst, ir * kc + p * MR);
                    } else if (rows == MR) {
                        System.arraycopy(src, s + ir, dst, ir * kc + p * MR, MR);
                    } else {
                        copyRows(src, s + ir, ld, rows, 1, dst, ir * kc + p * MR, MR);
                    }
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += MR) {
            transpose(src, base + (i0 + ir) * ld + p0, ld, Math.min(MR, mc - ir), kc, dst, ir * kc, MR);
        }
    }

    /**
     * k [p0, p0 + kc) × columns [j0, j0 + nc) of op(B) into panels of NR columns: element
     * (p, j) of panel q at {@code q·NR·kc + p·NR + j}; columns past nc are zeros.
     */
    private void packB(int p0, int kc, int j0, int nc, float[] dst, Buffers buffers) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            // B is n × k when transposed: column j of op(B) is row j of B.
            float[] src = b;
            int s = transB ? bOff + (j0 + jr) * ldb + p0 : bOff + p0 * ldb + j0 + jr;
            int ld = ldb;
            if (bHalf != null && !transB && cols == NR) {
                // A whole panel's lines of k are NR consecutive halves: widened straight into place.
                VectorHalfPrecision.widenBlock(format, bHalf, s, ldb, kc, NR, dst, jr * kc);
                continue;
            }
            if (bHalf != null) {
                // One panel at a time, so the widened copy (at most NR × KC floats) stays in L2.
                int rows = transB ? cols : kc;
                ld = transB ? kc : cols;
                src = buffers.widened(rows * ld);
                VectorHalfPrecision.widenBlock(format, bHalf, s, ldb, rows, ld, src, 0);
                s = 0;
            }
            if (transB) {
                transpose(src, s, ld, cols, kc, dst, jr * kc, NR);
            } else {
                copyRows(src, s, ld, cols, kc, dst, jr * kc, NR);
            }
        }
    }

    /**
     * {@code dst[d + p·width + j] = src[s + p·ld + j]} for p < kc, j < count; zeros up to
     * width. The panel's lines of k lie side by side in the source.
     */
    private static void copyRows(float[] src, int s, int ld, int count, int kc, float[] dst, int d, int width) {
        if (count == NR && width == NR) {
            for (int p = 0; p < kc; p++, s += ld, d += NR) {
                FloatVector.fromArray(S, src, s).intoArray(dst, d);
                FloatVector.fromArray(S, src, s + L).intoArray(dst, d + L);
            }
            return;
        }
        for (int p = 0; p < kc; p++, s += ld, d += width) {
            for (int j = 0; j < count; j++) {
                dst[d + j] = src[s + j];
            }
            for (int j = count; j < width; j++) {
                dst[d + j] = 0f;
            }
        }
    }

    /**
     * {@code dst[d + p·width + r] = src[s + r·ld + p]} for p < kc, r < count; zeros up to
     * width. Each line of the panel is contiguous in the source; going over k in blocks of
     * 16 reads whole cache lines at once, even when the lines' stride makes them collide
     * in cache.
     */
    private static void transpose(float[] src, int s, int ld, int count, int kc, float[] dst, int d, int width) {
        for (int p0 = 0; p0 < kc; p0 += 16) {
            int block = Math.min(16, kc - p0);
            for (int r = 0; r < width; r++) {
                int to = d + p0 * width + r;
                if (r < count) {
                    for (int p = 0, from = s + r * ld + p0; p < block; p++) {
                        dst[to + p * width] = src[from + p];
                    }
                } else {
                    for (int p = 0; p < block; p++) {
                        dst[to + p * width] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The A panel at aBase times the B panel at bBase, summed over kc: into C at {@code at}
     * (rows ldc apart) when {@code direct} says so, otherwise into tile (MR × NR, row-major).
     */
    private static void microKernel(float[] ap, int aBase, float[] bp, int bBase, int kc, float[] tile,
                                    int direct, float[] c, int at, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0, ai = aBase, bi = bBase; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
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
        if (direct == OVERWRITE) {
            c00.intoArray(c, at);
            c01.intoArray(c, at + L);
            c10.intoArray(c, at + ldc);
            c11.intoArray(c, at + ldc + L);
            c20.intoArray(c, at + 2 * ldc);
            c21.intoArray(c, at + 2 * ldc + L);
            c30.intoArray(c, at + 3 * ldc);
            c31.intoArray(c, at + 3 * ldc + L);
            c40.intoArray(c, at + 4 * ldc);
            c41.intoArray(c, at + 4 * ldc + L);
            c50.intoArray(c, at + 5 * ldc);
            c51.intoArray(c, at + 5 * ldc + L);
            c60.intoArray(c, at + 6 * ldc);
            c61.intoArray(c, at + 6 * ldc + L);
            c70.intoArray(c, at + 7 * ldc);
            c71.intoArray(c, at + 7 * ldc + L);
            return;
        }
        if (direct == ACCUMULATE) {
            // C + tile, the same sum store() forms.
            FloatVector.fromArray(S, c, at).add(c00).intoArray(c, at);
            FloatVector.fromArray(S, c, at + L).add(c01).intoArray(c, at + L);
            FloatVector.fromArray(S, c, at + ldc).add(c10).intoArray(c, at + ldc);
            FloatVector.fromArray(S, c, at + ldc + L).add(c11).intoArray(c, at + ldc + L);
            FloatVector.fromArray(S, c, at + 2 * ldc).add(c20).intoArray(c, at + 2 * ldc);
            FloatVector.fromArray(S, c, at + 2 * ldc + L).add(c21).intoArray(c, at + 2 * ldc + L);
            FloatVector.fromArray(S, c, at + 3 * ldc).add(c30).intoArray(c, at + 3 * ldc);
            FloatVector.fromArray(S, c, at + 3 * ldc + L).add(c31).intoArray(c, at + 3 * ldc + L);
            FloatVector.fromArray(S, c, at + 4 * ldc).add(c40).intoArray(c, at + 4 * ldc);
            FloatVector.fromArray(S, c, at + 4 * ldc + L).add(c41).intoArray(c, at + 4 * ldc + L);
            FloatVector.fromArray(S, c, at + 5 * ldc).add(c50).intoArray(c, at + 5 * ldc);
            FloatVector.fromArray(S, c, at + 5 * ldc + L).add(c51).intoArray(c, at + 5 * ldc + L);
            FloatVector.fromArray(S, c, at + 6 * ldc).add(c60).intoArray(c, at + 6 * ldc);
            FloatVector.fromArray(S, c, at + 6 * ldc + L).add(c61).intoArray(c, at + 6 * ldc + L);
            FloatVector.fromArray(S, c, at + 7 * ldc).add(c70).intoArray(c, at + 7 * ldc);
            FloatVector.fromArray(S, c, at + 7 * ldc + L).add(c71).intoArray(c, at + 7 * ldc + L);
            return;
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
                FloatVector out = firstSlice && beta == 0f ? t
                        : firstSlice ? t.add(FloatVector.fromArray(S, c, row + j).mul(beta))
                        : FloatVector.fromArray(S, c, row + j).add(t);
                out.intoArray(c, row + j);
            }
            // The last columns one by one: masked vector stores are not always compiled to
            // vector code, and then they cost far more than this loop.
            for (; j < cols; j++) {
                float t = alpha * tile[r * NR + j];
                c[row + j] = !firstSlice ? c[row + j] + t : beta == 0f ? t : t + beta * c[row + j];
            }
        }
    }

    static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    /**
     * One thread's packing space, grown on demand and then reused; it remembers which block of
     * which product its B holds, so the thread's next strip of rows of the same product does not
     * pack it again.
     */
    private static final class Buffers {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private float[] widened = new float[0];
        private long bProduct;
        private int bColumn;
        private int bDepth;
        private int bWidth;
        final float[] tile = new float[MR * NR];

        boolean holdsB(long product, int column, int depth, int width) {
            return bProduct == product && bColumn == column && bDepth == depth && bWidth == width;
        }

        void heldB(long product, int column, int depth, int width) {
            bProduct = product;
            bColumn = column;
            bDepth = depth;
            bWidth = width;
        }

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        /** Scratch for a half operand's block before packing (its contents do not outlive a pack). */
        float[] widened(int size) {
            if (widened.length < size) {
                widened = new float[size];
            }
            return widened;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
                bProduct = 0;
            }
            return b;
        }
    }
}
