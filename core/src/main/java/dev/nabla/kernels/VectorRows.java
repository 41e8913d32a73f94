package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector forms of {@link Kernels#softmax}, {@link Kernels#logSoftmax} and the strided
 * {@link Kernels#select}: whole vectors, then the scalar formula for the tail.
 *
 * <p>Exponentials here come from {@link #exp}, built from additions, multiplications and fused
 * multiply-adds only. The Vector API's own {@code EXP} is a CPU routine once the JIT compiles
 * the loop but a Java loop over {@code Math.exp} before, and the two differ in the last bit, so
 * one row could come out differently depending on which thread ran it and when; exact
 * operations give the same bits in every tier.
 */
final class VectorRows {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();

    private VectorRows() {
    }

    /** out = exp(x − shift) / Σ exp(x − shift); the sum over lanes in a fixed order. */
    static void softmax(float[] x, int xOff, int n, float shift, float[] out, int outOff) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            FloatVector e0 = exp(FloatVector.fromArray(S, x, xOff + i).sub(shift));
            FloatVector e1 = exp(FloatVector.fromArray(S, x, xOff + i + L).sub(shift));
            e0.intoArray(out, outOff + i);
            e1.intoArray(out, outOff + i + L);
            s0 = s0.add(e0);
            s1 = s1.add(e1);
        }
        for (; i < bound; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, x, xOff + i).sub(shift));
            e.intoArray(out, outOff + i);
            s0 = s0.add(e);
        }
        float total = VectorKernels.addLanes(s0.add(s1));
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xOff + i] - shift);
            out[outOff + i] = e;
            total += e;
        }
        float inverse = 1f / total;
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector.fromArray(S, out, outOff + j).mul(inverse).intoArray(out, outOff + j);
        }
        for (; j < n; j++) {
            out[outOff + j] *= inverse;
        }
    }

    /** exp(x − shift) summed over n values in a fixed order (the core of log-softmax). */
    static float sumExp(float[] x, int xOff, int n, float shift) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int bound = S.loopBound(n);
        int i = 0;
        for (; i + L < bound; i += 2 * L) {
            s0 = s0.add(exp(FloatVector.fromArray(S, x, xOff + i).sub(shift)));
            s1 = s1.add(exp(FloatVector.fromArray(S, x, xOff + i + L).sub(shift)));
        }
        for (; i < bound; i += L) {
            s0 = s0.add(exp(FloatVector.fromArray(S, x, xOff + i).sub(shift)));
        }
        float total = VectorKernels.addLanes(s0.add(s1));
        for (; i < n; i++) {
            total += (float) Math.exp(x[xOff + i] - shift);
        }
        return total;
    }

    /**
     * e^x lane by lane to about one ulp: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor
     * polynomial to degree 7 (error below 2⁻²⁷), times 2ⁿ built in the exponent bits. Results
     * below float32's smallest normal (x < −87.34) are 0, above its largest +inf; NaN stays NaN.
     * {@link Activations#exp} is the scalar twin, operation for operation.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector n = x.mul(Activations.LOG2_E).max(-126f).min(127f).add(Activations.ROUNDER)
                .sub(Activations.ROUNDER);
        FloatVector r = n.mul(-Activations.LN2_HIGH).add(x); // the product is exact
        r = n.fma(FloatVector.broadcast(S, -Activations.LN2_LOW), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, 1f / 5040), FloatVector.broadcast(S, 1f / 720));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        IntVector exponent = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector scale = exponent.reinterpretAsFloats();
        FloatVector y = p.mul(scale);
        y = y.blend(0f, x.compare(VectorOperators.LT, Activations.UNDERFLOW));
        return y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Activations.OVERFLOW));
    }

    /** out = (x − shift) − logSum. */
    static void logSoftmax(float[] x, int xOff, int n, float shift, float logSum, float[] out, int outOff) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sub(shift).sub(logSum).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = (x[xOff + i] - shift) - logSum;
        }
    }

    /** Strides of 0 (one repeated value) or 1 run whole vectors; any other stride runs the scalar loop. */
    static void select(float[] cond, int cOff, int cStride, float[] a, int aOff, int aStride,
                       float[] b, int bOff, int bStride, float[] out, int outOff, int n) {
        int i = 0;
        if (((cStride | aStride | bStride) & ~1) == 0) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                FloatVector c = cStride == 0 ? FloatVector.broadcast(S, cond[cOff]) : FloatVector.fromArray(S, cond, cOff + i);
                FloatVector x = aStride == 0 ? FloatVector.broadcast(S, a[aOff]) : FloatVector.fromArray(S, a, aOff + i);
                FloatVector y = bStride == 0 ? FloatVector.broadcast(S, b[bOff]) : FloatVector.fromArray(S, b, bOff + i);
                // NaN != 0 holds, so a NaN condition picks a, as in the scalar form.
                y.blend(x, c.compare(VectorOperators.NE, 0f)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = cond[cOff + i * cStride] != 0f ? a[aOff + i * aStride] : b[bOff + i * bStride];
        }
    }

    /** {@link Kernels#sum}: four vectors of partial sums, their lanes added in a fixed order. */
    static float sum(float[] a, int off, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, a, off + i));
            s1 = s1.add(FloatVector.fromArray(S, a, off + i + L));
            s2 = s2.add(FloatVector.fromArray(S, a, off + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, a, off + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, a, off + i));
        }
        float s = VectorKernels.addLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    /** {@link Kernels#dot}: as {@link #sum}, by fused multiply-adds. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
            s2 = FloatVector.fromArray(S, a, aOff + i + 2 * L).fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, aOff + i + 3 * L).fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), s3);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        }
        float s = VectorKernels.addLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
