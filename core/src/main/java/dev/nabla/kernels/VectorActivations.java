package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and the logistic sigmoid lane by lane, from exact operations and {@link VectorRows#exp}:
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
     * {@code out[i] = tanh(a[i])} for i in [0, count): whole vectors, then the scalar twin. Loops
     * over arrays are what callers should use where they can: a caller too big for the JIT to
     * inline {@link #tanh(FloatVector)} into would box every vector, while a call of this loop
     * passes arrays only.
     */
    static void tanh(float[] a, int aOff, float[] out, int oOff, int count) {
        int bound = S.loopBound(count);
        int i = 0;
        for (; i < bound; i += L) {
            tanh(FloatVector.fromArray(S, a, aOff + i)).intoArray(out, oOff + i);
        }
        for (; i < count; i++) {
            out[oOff + i] = Activations.tanh(a[aOff + i]);
        }
    }

    /** {@code out[i] = sigmoid(a[i])} for i in [0, count), as {@link #tanh(float[], int, float[], int, int)}. */
    static void sigmoid(float[] a, int aOff, float[] out, int oOff, int count) {
        int bound = S.loopBound(count);
        int i = 0;
        for (; i < bound; i += L) {
            sigmoid(FloatVector.fromArray(S, a, aOff + i)).intoArray(out, oOff + i);
        }
        for (; i < count; i++) {
            out[oOff + i] = Activations.sigmoid(a[aOff + i]);
        }
    }
}
