package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Line budget: the array loops write the exponential out twice on purpose (see there).
 *
 * <p>tanh and the logistic sigmoid lane by lane, from exact operations and {@link VectorRows#exp}:
 * {@link Activations}' formulas operation for operation, so every lane gives the same bits as
 * the scalar twin, whatever the JIT tier (the Vector API's own {@code TANH} and {@code EXP} do
 * not: see {@link Activations}).
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    private VectorActivations() {
    }

    /** {@link Activations#tanh}: both branches for every lane (cheaper than testing), then the one it needs. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector two = FloatVector.broadcast(S, 2f);
        FloatVector r = FloatVector.broadcast(S, 1f).sub(two.div(VectorRows.exp(a.mul(2f)).add(1f)));
        FloatVector large = r.blend(r.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(nearZero(x), a.compare(VectorOperators.LT, Activations.TANH_SMALL));
    }

    /** {@code x + x³·P(x²)}, tanh for |x| below {@link Activations#TANH_SMALL}. */
    private static FloatVector nearZero(FloatVector x) {
        FloatVector u = x.mul(x);
        FloatVector p = FloatVector.broadcast(S, Activations.TANH_C5).fma(u,
                FloatVector.broadcast(S, Activations.TANH_C4));
        p = p.fma(u, FloatVector.broadcast(S, Activations.TANH_C3));
        p = p.fma(u, FloatVector.broadcast(S, Activations.TANH_C2));
        p = p.fma(u, FloatVector.broadcast(S, Activations.TANH_C1));
        p = p.fma(u, FloatVector.broadcast(S, Activations.TANH_C0));
        return x.mul(u).fma(p, x);
    }

    /** {@link Activations#sigmoid}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = VectorRows.exp(x.abs().neg());
        FloatVector numerator = FloatVector.broadcast(S, 1f).blend(e, x.compare(VectorOperators.LT, 0f));
        return numerator.div(e.add(1f));
    }

    /**
     * {@code out[i] = tanh(a[i])} for i in [0, count): whole vectors, then the scalar twin. The
     * loop body is {@link #tanh(FloatVector)} written out, exponential included, so that it calls
     * no method of ours: a caller too big for the JIT to inline a vector-valued method into boxes
     * every vector it passes, and a loop over arrays has none to pass.
     */
    static void tanh(float[] a, int aOff, float[] out, int oOff, int count) {
        int bound = S.loopBound(count);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector two = FloatVector.broadcast(S, 2f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            FloatVector a2 = x.abs().mul(2f);
            // e^a2, as VectorRows.exp
            FloatVector n = a2.mul(Activations.LOG2_E).max(-126f).min(127f).add(Activations.ROUNDER)
                    .sub(Activations.ROUNDER);
            FloatVector r = n.mul(-Activations.LN2_HIGH).add(a2);
            r = n.fma(FloatVector.broadcast(S, -Activations.LN2_LOW), r);
            FloatVector p = r.fma(FloatVector.broadcast(S, 1f / 5040), FloatVector.broadcast(S, 1f / 720));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, one);
            p = p.fma(r, one);
            IntVector exponent = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.mul(exponent.reinterpretAsFloats());
            e = e.blend(0f, a2.compare(VectorOperators.LT, Activations.UNDERFLOW));
            e = e.blend(Float.POSITIVE_INFINITY, a2.compare(VectorOperators.GT, Activations.OVERFLOW));
            FloatVector large = one.sub(two.div(e.add(1f)));
            large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
            // x + x³·P(x²), as nearZero
            FloatVector u = x.mul(x);
            FloatVector q = FloatVector.broadcast(S, Activations.TANH_C5).fma(u,
                    FloatVector.broadcast(S, Activations.TANH_C4));
            q = q.fma(u, FloatVector.broadcast(S, Activations.TANH_C3));
            q = q.fma(u, FloatVector.broadcast(S, Activations.TANH_C2));
            q = q.fma(u, FloatVector.broadcast(S, Activations.TANH_C1));
            q = q.fma(u, FloatVector.broadcast(S, Activations.TANH_C0));
            FloatVector small = x.mul(u).fma(q, x);
            large.blend(small, x.abs().compare(VectorOperators.LT, Activations.TANH_SMALL)).intoArray(out, oOff + i);
        }
        for (; i < count; i++) {
            out[oOff + i] = Activations.tanh(a[aOff + i]);
        }
    }

    /** {@code out[i] = sigmoid(a[i])} for i in [0, count), written out as {@link #tanh(float[], int, float[], int, int)}. */
    static void sigmoid(float[] a, int aOff, float[] out, int oOff, int count) {
        int bound = S.loopBound(count);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i);
            FloatVector m = x.abs().neg();
            // e^m, as VectorRows.exp
            FloatVector n = m.mul(Activations.LOG2_E).max(-126f).min(127f).add(Activations.ROUNDER)
                    .sub(Activations.ROUNDER);
            FloatVector r = n.mul(-Activations.LN2_HIGH).add(m);
            r = n.fma(FloatVector.broadcast(S, -Activations.LN2_LOW), r);
            FloatVector p = r.fma(FloatVector.broadcast(S, 1f / 5040), FloatVector.broadcast(S, 1f / 720));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, one);
            p = p.fma(r, one);
            IntVector exponent = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.mul(exponent.reinterpretAsFloats());
            e = e.blend(0f, m.compare(VectorOperators.LT, Activations.UNDERFLOW));
            e = e.blend(Float.POSITIVE_INFINITY, m.compare(VectorOperators.GT, Activations.OVERFLOW));
            one.blend(e, x.compare(VectorOperators.LT, 0f)).div(e.add(1f)).intoArray(out, oOff + i);
        }
        for (; i < count; i++) {
            out[oOff + i] = Activations.sigmoid(a[aOff + i]);
        }
    }
}
