package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RecurrentCells#productRows} on the Vector API, for {@link VectorRecurrentCells}: the
 * per-step products of a recurrent layer with its hidden weight, packed once per sequence.
 *
 * <p>B is packed into panels of {@link #NR} columns (two vectors), zero-padded: element
 * {@code (p, j)} of panel q at {@code q·NR·depth + p·NR + j}. Eight rows at a time go through a
 * register tile of 8 × NR (sixteen accumulators, as {@link VectorGemm}'s micro-kernel), reading A
 * straight from its rows, which a step has just written and which sit in L1; the last rows one
 * at a time, four panels at once so that eight accumulator chains keep the FMA units busy
 * (a batch of one is a matrix-vector product per step). Every element starts from its bias and
 * adds its products over p in order with fused multiply-adds, as the scalar definition does, so
 * the two agree bitwise and no row's result depends on the block it was computed in.
 */
final class VectorRecurrentProducts {

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** Columns of a panel: two vectors. */
    static final int NR = 2 * L;
    /** Rows of the register tile. */
    private static final int MR = 8;
    /** Scratch for partial panels: a tile of accumulators and a padded bias. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[MR * NR + NR]);

    private VectorRecurrentProducts() {
    }

    static int packedSize(int depth, int width) {
        return (width + NR - 1) / NR * NR * depth;
    }

    static void pack(float[] w, int off, int ld, boolean transposed, int depth, int width, float[] packed) {
        for (int q = 0; q * NR < width; q++) {
            int first = q * NR;
            int cols = Math.min(NR, width - first);
            int base = q * NR * depth;
            if (transposed) {
                // Column c of the panel is row c of w: read along it, write down the panel.
                for (int j = 0; j < NR; j++) {
                    if (j < cols) {
                        for (int p = 0, from = off + (first + j) * ld; p < depth; p++) {
                            packed[base + p * NR + j] = w[from + p];
                        }
                    } else {
                        for (int p = 0; p < depth; p++) {
                            packed[base + p * NR + j] = 0f;
                        }
                    }
                }
            } else {
                for (int p = 0; p < depth; p++) {
                    int from = off + p * ld + first;
                    int to = base + p * NR;
                    if (cols == NR) {
                        FloatVector.fromArray(S, w, from).intoArray(packed, to);
                        FloatVector.fromArray(S, w, from + L).intoArray(packed, to + L);
                    } else {
                        for (int j = 0; j < NR; j++) {
                            packed[to + j] = j < cols ? w[from + j] : 0f;
                        }
                    }
                }
            }
        }
    }

    static void productRows(int rows, int depth, int width, float[] a, int aOff, int lda, float[] packed,
            float[] bias, int biasOff, boolean accumulate, float[] out, int outOff, int ldo) {
        float[] scratch = SCRATCH.get();
        int panels = (width + NR - 1) / NR;
        int r = 0;
        for (; r + MR <= rows; r += MR) {
            for (int q = 0; q < panels; q++) {
                int cols = Math.min(NR, width - q * NR);
                float[] b = panelBias(bias, biasOff, q, cols, scratch);
                int bAt = b == scratch ? MR * NR : biasOff + q * NR;
                eightRows(depth, a, aOff + r * lda, lda, packed, q * NR * depth, b, bAt, cols, accumulate, out,
                        outOff + r * ldo + q * NR, ldo, scratch);
            }
        }
        for (; r < rows; r++) {
            int q = 0;
            for (; (q + 4) * NR <= width; q += 4) {
                oneRowFourPanels(depth, a, aOff + r * lda, packed, q * NR * depth, bias, biasOff + q * NR,
                        accumulate, out, outOff + r * ldo + q * NR);
            }
            for (; q < panels; q++) {
                int cols = Math.min(NR, width - q * NR);
                float[] b = panelBias(bias, biasOff, q, cols, scratch);
                int bAt = b == scratch ? MR * NR : biasOff + q * NR;
                oneRow(depth, a, aOff + r * lda, packed, q * NR * depth, b, bAt, cols, accumulate, out,
                        outOff + r * ldo + q * NR, scratch);
            }
        }
    }

    /** Panel q's bias: the bias itself when the panel is whole, else a zero-padded copy in scratch; null for none. */
    private static float[] panelBias(float[] bias, int biasOff, int q, int cols, float[] scratch) {
        if (bias == null || cols == NR) {
            return bias;
        }
        for (int j = 0; j < NR; j++) {
            scratch[MR * NR + j] = j < cols ? bias[biasOff + q * NR + j] : 0f;
        }
        return scratch;
    }

    private static FloatVector start(float[] bias, int at) {
        return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, at);
    }

    /** Rows [0, 8) from a0 (lda apart) times one panel: the register tile, then into out. */
    private static void eightRows(int depth, float[] a, int a0, int lda, float[] packed, int pBase, float[] bias,
            int bAt, int cols, boolean accumulate, float[] out, int o, int ldo, float[] scratch) {
        FloatVector c00 = start(bias, bAt), c01 = start(bias, bAt + L);
        FloatVector c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
        FloatVector c40 = c00, c41 = c01, c50 = c00, c51 = c01, c60 = c00, c61 = c01, c70 = c00, c71 = c01;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0, bi = pBase; p < depth; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, packed, bi);
            FloatVector b1 = FloatVector.fromArray(S, packed, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        if (cols == NR && !accumulate) {
            c00.intoArray(out, o);
            c01.intoArray(out, o + L);
            c10.intoArray(out, o + ldo);
            c11.intoArray(out, o + ldo + L);
            c20.intoArray(out, o + 2 * ldo);
            c21.intoArray(out, o + 2 * ldo + L);
            c30.intoArray(out, o + 3 * ldo);
            c31.intoArray(out, o + 3 * ldo + L);
            c40.intoArray(out, o + 4 * ldo);
            c41.intoArray(out, o + 4 * ldo + L);
            c50.intoArray(out, o + 5 * ldo);
            c51.intoArray(out, o + 5 * ldo + L);
            c60.intoArray(out, o + 6 * ldo);
            c61.intoArray(out, o + 6 * ldo + L);
            c70.intoArray(out, o + 7 * ldo);
            c71.intoArray(out, o + 7 * ldo + L);
            return;
        }
        if (cols == NR) {
            FloatVector.fromArray(S, out, o).add(c00).intoArray(out, o);
            FloatVector.fromArray(S, out, o + L).add(c01).intoArray(out, o + L);
            FloatVector.fromArray(S, out, o + ldo).add(c10).intoArray(out, o + ldo);
            FloatVector.fromArray(S, out, o + ldo + L).add(c11).intoArray(out, o + ldo + L);
            FloatVector.fromArray(S, out, o + 2 * ldo).add(c20).intoArray(out, o + 2 * ldo);
            FloatVector.fromArray(S, out, o + 2 * ldo + L).add(c21).intoArray(out, o + 2 * ldo + L);
            FloatVector.fromArray(S, out, o + 3 * ldo).add(c30).intoArray(out, o + 3 * ldo);
            FloatVector.fromArray(S, out, o + 3 * ldo + L).add(c31).intoArray(out, o + 3 * ldo + L);
            FloatVector.fromArray(S, out, o + 4 * ldo).add(c40).intoArray(out, o + 4 * ldo);
            FloatVector.fromArray(S, out, o + 4 * ldo + L).add(c41).intoArray(out, o + 4 * ldo + L);
            FloatVector.fromArray(S, out, o + 5 * ldo).add(c50).intoArray(out, o + 5 * ldo);
            FloatVector.fromArray(S, out, o + 5 * ldo + L).add(c51).intoArray(out, o + 5 * ldo + L);
            FloatVector.fromArray(S, out, o + 6 * ldo).add(c60).intoArray(out, o + 6 * ldo);
            FloatVector.fromArray(S, out, o + 6 * ldo + L).add(c61).intoArray(out, o + 6 * ldo + L);
            FloatVector.fromArray(S, out, o + 7 * ldo).add(c70).intoArray(out, o + 7 * ldo);
            FloatVector.fromArray(S, out, o + 7 * ldo + L).add(c71).intoArray(out, o + 7 * ldo + L);
            return;
        }
        c00.intoArray(scratch, 0);
        c01.intoArray(scratch, L);
        c10.intoArray(scratch, NR);
        c11.intoArray(scratch, NR + L);
        c20.intoArray(scratch, 2 * NR);
        c21.intoArray(scratch, 2 * NR + L);
        c30.intoArray(scratch, 3 * NR);
        c31.intoArray(scratch, 3 * NR + L);
        c40.intoArray(scratch, 4 * NR);
        c41.intoArray(scratch, 4 * NR + L);
        c50.intoArray(scratch, 5 * NR);
        c51.intoArray(scratch, 5 * NR + L);
        c60.intoArray(scratch, 6 * NR);
        c61.intoArray(scratch, 6 * NR + L);
        c70.intoArray(scratch, 7 * NR);
        c71.intoArray(scratch, 7 * NR + L);
        for (int r = 0; r < MR; r++) {
            for (int j = 0, at = o + r * ldo; j < cols; j++, at++) {
                out[at] = accumulate ? out[at] + scratch[r * NR + j] : scratch[r * NR + j];
            }
        }
    }

    /** One row of a panel's two accumulators into out: whole vectors, or the first cols lanes through scratch. */
    private static void put(FloatVector v0, FloatVector v1, int cols, boolean accumulate, float[] out, int o,
            float[] scratch) {
        if (cols == NR) {
            if (accumulate) {
                v0 = FloatVector.fromArray(S, out, o).add(v0);
                v1 = FloatVector.fromArray(S, out, o + L).add(v1);
            }
            v0.intoArray(out, o);
            v1.intoArray(out, o + L);
            return;
        }
        v0.intoArray(scratch, 0);
        v1.intoArray(scratch, L);
        for (int j = 0; j < cols; j++) {
            out[o + j] = accumulate ? out[o + j] + scratch[j] : scratch[j];
        }
    }

    /** One row times four whole panels: eight accumulator chains. */
    private static void oneRowFourPanels(int depth, float[] a, int a0, float[] packed, int pBase, float[] bias,
            int bAt, boolean accumulate, float[] out, int o) {
        int stride = NR * depth;
        FloatVector c0 = start(bias, bAt), c1 = start(bias, bAt + L);
        FloatVector c2 = start(bias, bAt + NR), c3 = start(bias, bAt + NR + L);
        FloatVector c4 = start(bias, bAt + 2 * NR), c5 = start(bias, bAt + 2 * NR + L);
        FloatVector c6 = start(bias, bAt + 3 * NR), c7 = start(bias, bAt + 3 * NR + L);
        for (int p = 0, b = pBase; p < depth; p++, b += NR) {
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c0 = av.fma(FloatVector.fromArray(S, packed, b), c0);
            c1 = av.fma(FloatVector.fromArray(S, packed, b + L), c1);
            c2 = av.fma(FloatVector.fromArray(S, packed, b + stride), c2);
            c3 = av.fma(FloatVector.fromArray(S, packed, b + stride + L), c3);
            c4 = av.fma(FloatVector.fromArray(S, packed, b + 2 * stride), c4);
            c5 = av.fma(FloatVector.fromArray(S, packed, b + 2 * stride + L), c5);
            c6 = av.fma(FloatVector.fromArray(S, packed, b + 3 * stride), c6);
            c7 = av.fma(FloatVector.fromArray(S, packed, b + 3 * stride + L), c7);
        }
        // Stored here rather than through put(): vectors passed to a call that is not inlined are boxed.
        if (accumulate) {
            c0 = c0.add(FloatVector.fromArray(S, out, o));
            c1 = c1.add(FloatVector.fromArray(S, out, o + L));
            c2 = c2.add(FloatVector.fromArray(S, out, o + 2 * L));
            c3 = c3.add(FloatVector.fromArray(S, out, o + 3 * L));
            c4 = c4.add(FloatVector.fromArray(S, out, o + 4 * L));
            c5 = c5.add(FloatVector.fromArray(S, out, o + 5 * L));
            c6 = c6.add(FloatVector.fromArray(S, out, o + 6 * L));
            c7 = c7.add(FloatVector.fromArray(S, out, o + 7 * L));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
        c2.intoArray(out, o + 2 * L);
        c3.intoArray(out, o + 3 * L);
        c4.intoArray(out, o + 4 * L);
        c5.intoArray(out, o + 5 * L);
        c6.intoArray(out, o + 6 * L);
        c7.intoArray(out, o + 7 * L);
    }

    /** One row times one panel, of which the first cols columns are real. */
    private static void oneRow(int depth, float[] a, int a0, float[] packed, int pBase, float[] bias, int bAt,
            int cols, boolean accumulate, float[] out, int o, float[] scratch) {
        FloatVector c0 = start(bias, bAt), c1 = start(bias, bAt + L);
        for (int p = 0, b = pBase; p < depth; p++, b += NR) {
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c0 = av.fma(FloatVector.fromArray(S, packed, b), c0);
            c1 = av.fma(FloatVector.fromArray(S, packed, b + L), c1);
        }
        put(c0, c1, cols, accumulate, out, o, scratch);
    }
}
