package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowOffsetGemm} with {@link VectorGemm}'s tile: {@link VectorGemm#MR} rows × two vectors
 * of columns in sixteen registers, one broadcast of A times two loads of B per line. A is packed
 * in panels of MR rows over all of k (element (r, p) of panel q at {@code q·MR·k + p·MR + r},
 * rows past m zero). The lines of a run are a linear loop, so the loads' bounds checks leave it;
 * reading each line's offset from a table cost a tenth of the speed. Columns go in blocks of
 * {@link #BLOCK_TILES} tiles, whose lines of x stay in L2 while every panel of A passes over them;
 * several images' tiles take each panel of A in turn, so a deep A is read once for all of them.
 */
final class VectorRowOffsetGemm implements RowOffsetGemm {
    static final VectorRowOffsetGemm INSTANCE = new VectorRowOffsetGemm();

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    private static final int MR = VectorGemm.MR;
    private static final int NR = VectorGemm.NR;
    /** Tiles of columns per block. */
    private static final int BLOCK_TILES = 8;
    private static final ThreadLocal<float[]> TILES = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private VectorRowOffsetGemm() {
    }

    @Override
    public int tileRows() {
        return MR;
    }

    @Override
    public int tileColumns() {
        return NR;
    }

    @Override
    public int panelChannels() {
        return VectorPositionGemm.NR;
    }

    @Override
    public int panelPositions() {
        return VectorPositionGemm.POSITIONS;
    }

    @Override
    public int packedChannelsSize(int m, int k) {
        return VectorPositionGemm.packedSize(m, k);
    }

    @Override
    public void packChannels(float[] a, int aOff, int lda, int m, int k, int[] order, float[] packed) {
        VectorPositionGemm.pack(a, aOff, lda, m, k, order, packed);
    }

    @Override
    public void multiplyPositions(int m, int k, float[] packed, float[] x, int xOff, int[] lines, int[] positions,
                                  float[] c, int cOff, int ldc, int rowFrom, int rowTo, int from, int to) {
        VectorPositionGemm.multiply(m, k, packed, x, xOff, lines, positions, c, cOff, ldc, rowFrom, rowTo, from, to);
    }

    @Override
    public int packedSize(int m, int k) {
        return VectorGemm.ceilDiv(m, MR) * MR * k;
    }

    @Override
    public void pack(float[] a, int aOff, int lda, int m, int k, int[] order, float[] packed) {
        for (int q = 0; q < VectorGemm.ceilDiv(m, MR); q++) {
            int base = q * MR * k;
            for (int r = 0; r < MR; r++) {
                int i = q * MR + r;
                for (int p = 0, from = aOff + i * lda; p < k; p++) {
                    packed[base + p * MR + r] = i < m ? a[from + order[p]] : 0f;
                }
            }
        }
    }

    @Override
    public void multiply(int m, float[] packed, float[] x, int xOff, int[] starts, int[] counts, int step,
                         float[] c, int cOff, int ldc, int rowFrom, int rowTo, int colFrom, int colTo,
                         int images, int xStride, int cStride) {
        float[] tile = TILES.get();
        int k = 0;
        for (int count : counts) {
            k += count;
        }
        int blockWidth = BLOCK_TILES * NR;
        for (int jb = colFrom; jb < colTo; jb += blockWidth) {
            int blockEnd = Math.min(colTo, jb + blockWidth);
            for (int ir = rowFrom; ir < rowTo; ir += MR) {
                int rows = Math.min(MR, Math.min(rowTo, m) - ir);
                for (int image = 0; image < images; image++) {
                    for (int jr = jb; jr < blockEnd; jr += NR) {
                        int cols = Math.min(NR, blockEnd - jr);
                        boolean whole = rows == MR && cols == NR;
                        int at = cOff + image * cStride + ir * ldc + jr;
                        tile(packed, ir * k, (ir + MR) * k, x, xOff + image * xStride + jr, starts, counts, step,
                                whole ? c : tile, whole ? at : 0, whole ? ldc : NR);
                        if (!whole) {
                            for (int r = 0; r < rows; r++) {
                                System.arraycopy(tile, r * NR, c, at + r * ldc, cols);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The A panel in [aBase, aEnd) times B from bBase, summed over all lines, into out (rows ld apart). */
    private static void tile(float[] ap, int aBase, int aEnd, float[] x, int bBase, int[] starts, int[] counts,
                             int step, float[] out, int at, int ld) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        // One loop over all lines, the run changing inside it: with a loop per run the compiler
        // sometimes kept the accumulators in memory across the two loops (ten times slower).
        int q = 0;
        int left = counts[0];
        int bi = bBase + starts[0];
        for (int ai = aBase; ai < aEnd; ai += MR) {
            {
                FloatVector b0 = FloatVector.fromArray(S, x, bi);
                FloatVector b1 = FloatVector.fromArray(S, x, bi + L);
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
            if (--left > 0) {
                bi += step;
            } else if (++q < starts.length) {
                left = counts[q];
                bi = bBase + starts[q];
            }
        }
        c00.intoArray(out, at);
        c01.intoArray(out, at + L);
        c10.intoArray(out, at + ld);
        c11.intoArray(out, at + ld + L);
        c20.intoArray(out, at + 2 * ld);
        c21.intoArray(out, at + 2 * ld + L);
        c30.intoArray(out, at + 3 * ld);
        c31.intoArray(out, at + 3 * ld + L);
        c40.intoArray(out, at + 4 * ld);
        c41.intoArray(out, at + 4 * ld + L);
        c50.intoArray(out, at + 5 * ld);
        c51.intoArray(out, at + 5 * ld + L);
        c60.intoArray(out, at + 6 * ld);
        c61.intoArray(out, at + 6 * ld + L);
        c70.intoArray(out, at + 7 * ld);
        c71.intoArray(out, at + 7 * ld + L);
    }
}
