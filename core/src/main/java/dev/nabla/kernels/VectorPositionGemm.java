package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowOffsetGemm#multiplyPositions}: the product turned around, output positions as the
 * tile's rows and output channels as its columns. A tile is {@link #POSITIONS} positions × two
 * vectors of channels in fourteen registers; per line, two loads of the weight's packed panel
 * (NR channels over all of k, element (p, j) of panel q at {@code q·NR·k + p·NR + j}) and one
 * broadcast of the input per position, read in place. Positions come from a table, so a tile
 * may span output rows and no column between them is computed: seven divides every plane of an
 * ImageNet-sized network (7², 14², ..., 112²), where the phase grid's extra columns cost an
 * eighth of the work at 7 × 7. The tile goes through a small buffer to C, channel by channel.
 */
final class VectorPositionGemm {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** Channels per panel: two vectors. */
    static final int NR = 2 * L;
    /** Positions per tile. */
    static final int POSITIONS = 7;
    /** Positions per block: 24 tiles, inputs of three or four 7 × 7 images, under 1 MB. */
    private static final int BLOCK = 24 * POSITIONS;
    private static final ThreadLocal<float[]> TILES = ThreadLocal.withInitial(() -> new float[POSITIONS * NR]);

    private VectorPositionGemm() {
    }

    static int packedSize(int m, int k) {
        return VectorGemm.ceilDiv(m, NR) * NR * k;
    }

    static void pack(float[] a, int aOff, int lda, int m, int k, int[] order, float[] packed) {
        for (int q = 0; q < VectorGemm.ceilDiv(m, NR); q++) {
            for (int p = 0; p < k; p++) {
                int base = (q * k + p) * NR;
                for (int j = 0; j < NR; j++) {
                    int i = q * NR + j;
                    packed[base + j] = i < m ? a[aOff + i * lda + order[p]] : 0f;
                }
            }
        }
    }

    static void multiply(int m, int k, float[] packed, float[] x, int xOff, int[] lines, int[] positions,
                         float[] c, int cOff, int ldc, int rowFrom, int rowTo, int from, int to) {
        float[] tile = TILES.get();
        int[] at = new int[POSITIONS];
        // Positions in blocks whose inputs stay in L1 and L2 while every panel passes over them:
        // the broadcasts are scalar loads, which wait on a cache miss where vector loads stream.
        for (int block = from; block < to; block += BLOCK) {
            int blockEnd = Math.min(to, block + BLOCK);
            for (int i0 = rowFrom; i0 < rowTo; i0 += NR) {
                int channels = Math.min(NR, Math.min(rowTo, m) - i0);
                for (int t = block; t < blockEnd; t += POSITIONS) {
                    int count = Math.min(POSITIONS, blockEnd - t);
                    for (int r = 0; r < POSITIONS; r++) {
                        at[r] = xOff + positions[t + Math.min(r, count - 1)];
                    }
                    tile(packed, i0 * k, k, x, at, lines, tile);
                    for (int j = 0; j < channels; j++) {
                        int row = cOff + (i0 + j) * ldc + t;
                        for (int r = 0; r < count; r++) {
                            c[row + r] = tile[r * NR + j];
                        }
                    }
                }
            }
        }
    }

    /** The weight panel from wBase times the input at the seven positions, over k lines, into tile. */
    private static void tile(float[] packed, int wBase, int k, float[] x, int[] at, int[] lines, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00;
        int x0 = at[0], x1 = at[1], x2 = at[2], x3 = at[3], x4 = at[4], x5 = at[5], x6 = at[6];
        for (int p = 0, wi = wBase; p < k; p++, wi += NR) {
            FloatVector w0 = FloatVector.fromArray(S, packed, wi);
            FloatVector w1 = FloatVector.fromArray(S, packed, wi + L);
            int line = lines[p];
            FloatVector v = FloatVector.broadcast(S, x[x0 + line]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            v = FloatVector.broadcast(S, x[x1 + line]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            v = FloatVector.broadcast(S, x[x2 + line]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            v = FloatVector.broadcast(S, x[x3 + line]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
            v = FloatVector.broadcast(S, x[x4 + line]);
            c40 = v.fma(w0, c40);
            c41 = v.fma(w1, c41);
            v = FloatVector.broadcast(S, x[x5 + line]);
            c50 = v.fma(w0, c50);
            c51 = v.fma(w1, c51);
            v = FloatVector.broadcast(S, x[x6 + line]);
            c60 = v.fma(w0, c60);
            c61 = v.fma(w1, c61);
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
    }
}
