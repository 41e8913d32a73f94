package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RecurrentCells} with each row's gate math in one vectorised pass: the activations,
 * the state update and the stores, lane by lane, with a scalar tail of the same formulas. The
 * activations are {@link VectorActivations}' (exact operations only), so results agree with the
 * scalar cells bit for bit, in every JIT tier.
 */
final class VectorRecurrentCells extends RecurrentCells {

    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    VectorRecurrentCells(Kernels kernels) {
        super(kernels);
    }

    private static FloatVector load(float[] a, int offset) {
        return FloatVector.fromArray(S, a, offset);
    }

    /**
     * In passes over the row, each a loop over arrays with at most one kind of activation
     * ({@link VectorActivations}', whose tails are {@link Activations}' scalar twins): the
     * sigmoids of i, f and o, the tanh of g, c, tanh(c), h. One pass with all five activations
     * is too big for the JIT to inline them, and a vector passed to a call that is not inlined
     * is boxed.
     */
    @Override
    public void lstm(int hidden, float[] gates, int g, float[] cPrev, int cp, float[] c, int co,
            float[] tanhC, int tc, float[] h, int ho) {
        int f = g + hidden;
        int cell = g + 2 * hidden;
        int o = g + 3 * hidden;
        VectorActivations.sigmoid(gates, g, gates, g, 2 * hidden);
        VectorActivations.sigmoid(gates, o, gates, o, hidden);
        VectorActivations.tanh(gates, cell, gates, cell, hidden);
        int bound = S.loopBound(hidden);
        int j = 0;
        // FloatVector.fromArray rather than load(): the JDK's vector methods are always inlined,
        // ours may not be once the activations above have filled the JIT's budget.
        for (; j < bound; j += L) {
            FloatVector.fromArray(S, gates, f + j).mul(FloatVector.fromArray(S, cPrev, cp + j))
                    .add(FloatVector.fromArray(S, gates, g + j).mul(FloatVector.fromArray(S, gates, cell + j)))
                    .intoArray(c, co + j);
        }
        for (; j < hidden; j++) {
            c[co + j] = gates[f + j] * cPrev[cp + j] + gates[g + j] * gates[cell + j];
        }
        VectorActivations.tanh(c, co, tanhC, tc, hidden);
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, gates, o + j).mul(FloatVector.fromArray(S, tanhC, tc + j)).intoArray(h, ho + j);
        }
        for (; j < hidden; j++) {
            h[ho + j] = gates[o + j] * tanhC[tc + j];
        }
    }

    @Override
    public void lstmBackward(int hidden, float[] gates, int g, float[] cPrev, int cp, float[] tanhC, int tc,
            float[] dh, int dho, float[] dc, int dco, float[] dGates, int dg) {
        int bound = S.loopBound(hidden);
        for (int j = 0; j < bound; j += L) {
            FloatVector i = load(gates, g + j);
            FloatVector f = load(gates, g + hidden + j);
            FloatVector gj = load(gates, g + 2 * hidden + j);
            FloatVector o = load(gates, g + 3 * hidden + j);
            FloatVector t = load(tanhC, tc + j);
            FloatVector grad = load(dh, dho + j);
            FloatVector dcj = load(dc, dco + j).add(grad.mul(o).mul(t.mul(t).neg().add(1f)));
            dcj.mul(gj).mul(i).mul(i.neg().add(1f)).intoArray(dGates, dg + j);
            dcj.mul(load(cPrev, cp + j)).mul(f).mul(f.neg().add(1f)).intoArray(dGates, dg + hidden + j);
            dcj.mul(i).mul(gj.mul(gj).neg().add(1f)).intoArray(dGates, dg + 2 * hidden + j);
            grad.mul(t).mul(o).mul(o.neg().add(1f)).intoArray(dGates, dg + 3 * hidden + j);
            dcj.mul(f).intoArray(dc, dco + j);
        }
        if (bound < hidden) {
            lstmBackwardTail(bound, hidden, gates, g, cPrev, cp, tanhC, tc, dh, dho, dc, dco, dGates, dg);
        }
    }

    private static void lstmBackwardTail(int from, int hidden, float[] gates, int g, float[] cPrev, int cp,
            float[] tanhC, int tc, float[] dh, int dho, float[] dc, int dco, float[] dGates, int dg) {
        for (int j = from; j < hidden; j++) {
            float i = gates[g + j];
            float fj = gates[g + hidden + j];
            float gj = gates[g + 2 * hidden + j];
            float oj = gates[g + 3 * hidden + j];
            float t = tanhC[tc + j];
            float grad = dh[dho + j];
            float dcj = dc[dco + j] + grad * oj * (1f - t * t);
            dGates[dg + j] = dcj * gj * i * (1f - i);
            dGates[dg + hidden + j] = dcj * cPrev[cp + j] * fj * (1f - fj);
            dGates[dg + 2 * hidden + j] = dcj * i * (1f - gj * gj);
            dGates[dg + 3 * hidden + j] = grad * t * oj * (1f - oj);
            dc[dco + j] = dcj * fj;
        }
    }

    @Override
    public int packedSize(int depth, int width) {
        return VectorRecurrentProducts.packedSize(depth, width);
    }

    @Override
    public void pack(float[] w, int off, int ld, boolean transposed, int depth, int width, float[] packed) {
        VectorRecurrentProducts.pack(w, off, ld, transposed, depth, width, packed);
    }

    @Override
    public void productRows(int rows, int depth, int width, float[] a, int aOff, int lda, float[] packed,
            float[] bias, int biasOff, boolean accumulate, float[] out, int outOff, int ldo) {
        VectorRecurrentProducts.productRows(rows, depth, width, a, aOff, lda, packed, bias, biasOff, accumulate, out,
                outOff, ldo);
    }
}
