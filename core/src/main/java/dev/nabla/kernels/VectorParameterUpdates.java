package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twins of {@link ParameterUpdates}: the same operations in the same order on whole
 * vectors (no fused multiply-add, lanewise max as Math.max, a correctly rounded square root as
 * the scalar {@code (float) Math.sqrt}), so the results are bitwise the scalar ones; the tail
 * runs the scalar definition.
 */
final class VectorParameterUpdates {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    private VectorParameterUpdates() {
    }

    static void sgd(ParameterUpdates.Sgd r, float[] value, float[] gradient, float[] buffer, int off, int n) {
        int end = off + S.loopBound(n);
        boolean decay = r.weightDecay() != 0;
        boolean momentum = r.momentum() != 0;
        int i = off;
        for (; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, value, i);
            FloatVector g = FloatVector.fromArray(S, gradient, i);
            if (decay) {
                g = g.add(x.mul(r.weightDecay()));
            }
            if (momentum) {
                FloatVector b = r.first() ? g
                        : FloatVector.fromArray(S, buffer, i).mul(r.momentum()).add(g.mul(r.keep()));
                b.intoArray(buffer, i);
                g = r.nesterov() ? g.add(b.mul(r.momentum())) : b;
            }
            x.add(g.mul(r.step())).intoArray(value, i);
        }
        r.apply(value, gradient, buffer, i, off + n - i);
    }

    static void adam(ParameterUpdates.Adam r, float[] value, float[] gradient, float[] m, float[] v, float[] vMax,
                     int off, int n) {
        int end = off + S.loopBound(n);
        boolean shrink = r.decoupled() && r.shrink() != 1f;
        boolean l2 = !r.decoupled() && r.l2() != 0;
        int i = off;
        for (; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, value, i);
            FloatVector g = FloatVector.fromArray(S, gradient, i);
            if (shrink) {
                x = x.mul(r.shrink());
            } else if (l2) {
                g = g.add(x.mul(r.l2()));
            }
            FloatVector first = lerp(FloatVector.fromArray(S, m, i), g, r.averaging());
            first.intoArray(m, i);
            FloatVector second = FloatVector.fromArray(S, v, i).mul(r.b2()).add(g.mul(r.squareWeight()).mul(g));
            second.intoArray(v, i);
            if (vMax != null) {
                second = FloatVector.fromArray(S, vMax, i).max(second);
                second.intoArray(vMax, i);
            }
            FloatVector denominator = second.sqrt().div(r.correction2()).add(r.eps());
            x.add(first.mul(r.step()).div(denominator)).intoArray(value, i);
        }
        r.apply(value, gradient, m, v, vMax, i, off + n - i);
    }

    static void rmsProp(ParameterUpdates.RmsProp r, float[] value, float[] gradient, float[] square, float[] mean,
                        float[] buffer, int off, int n) {
        int end = off + S.loopBound(n);
        boolean decay = r.weightDecay() != 0;
        int i = off;
        for (; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, value, i);
            FloatVector g = FloatVector.fromArray(S, gradient, i);
            if (decay) {
                g = g.add(x.mul(r.weightDecay()));
            }
            FloatVector s = FloatVector.fromArray(S, square, i).mul(r.alpha()).add(g.mul(r.averaging()).mul(g));
            s.intoArray(square, i);
            FloatVector variance = s;
            if (mean != null) {
                FloatVector mu = lerp(FloatVector.fromArray(S, mean, i), g, r.averaging());
                mu.intoArray(mean, i);
                variance = s.add(mu.neg().mul(mu));
            }
            FloatVector denominator = variance.sqrt().add(r.eps());
            if (buffer != null) {
                FloatVector b = FloatVector.fromArray(S, buffer, i).mul(r.momentum()).add(g.div(denominator));
                b.intoArray(buffer, i);
                x.add(b.mul(r.step())).intoArray(value, i);
            } else {
                x.add(g.mul(r.step()).div(denominator)).intoArray(value, i);
            }
        }
        r.apply(value, gradient, square, mean, buffer, i, off + n - i);
    }

    static void adaGrad(ParameterUpdates.AdaGrad r, float[] value, float[] gradient, float[] sum, int off, int n) {
        int end = off + S.loopBound(n);
        boolean decay = r.weightDecay() != 0;
        int i = off;
        for (; i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, value, i);
            FloatVector g = FloatVector.fromArray(S, gradient, i);
            if (decay) {
                g = g.add(x.mul(r.weightDecay()));
            }
            FloatVector s = FloatVector.fromArray(S, sum, i).add(g.mul(g));
            s.intoArray(sum, i);
            FloatVector denominator = s.sqrt().add(r.eps());
            x.add(g.mul(r.step()).div(denominator)).intoArray(value, i);
        }
        r.apply(value, gradient, sum, i, off + n - i);
    }

    /** {@link ParameterUpdates#lerp} lane by lane; the branch depends only on the weight. */
    private static FloatVector lerp(FloatVector a, FloatVector b, float w) {
        return Math.abs(w) < 0.5f ? a.add(b.sub(a).mul(w)) : b.sub(b.sub(a).mul(1 - w));
    }
}
