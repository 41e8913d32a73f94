package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Clamp, arg-extremes, row additions and bit-mask dropout on the Vector API, bit for bit the scalar
 * definitions in {@link ScalarIndexing}: each is a comparison, a selection, one addition or one
 * multiplication per element in the scalar order, so nothing rounds differently.
 */
final class VectorIndexing {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    /** Longs in a vector of the floats' size: half as many lanes. */
    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, S.vectorShape());
    /** (i + 1)·GAMMA in lane i: the state's advance to each lane's draw. */
    private static final long[] STEPS = new long[LONGS.length()];

    static {
        for (int i = 0; i < STEPS.length; i++) {
            STEPS[i] = (i + 1) * SplitMix64.GAMMA;
        }
    }

    private VectorIndexing() {
    }

    /** {@link Kernels#clamp}; a NaN lane keeps its own bits, as the scalar form returns it unchanged. */
    static void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.max(min).min(max).blend(v, v.compare(VectorOperators.NE, v)).intoArray(out, outOff + i);
            VectorMask<Float> inside = v.compare(VectorOperators.GE, min).and(v.compare(VectorOperators.LE, max));
            zero.blend(one, inside).intoArray(pass, outOff + i);
        }
        ScalarIndexing.clamp(x, xOff + i, min, max, out, pass, outOff + i, n - i);
    }

    /**
     * {@link Kernels#argMax} / {@link Kernels#argMin}: the extreme value first (NaN if any is
     * NaN), then the first position holding it, which is where the scalar loop's strict
     * comparison settles; a NaN extreme means the first NaN.
     */
    static int argExtreme(Kernels kernels, float[] a, int off, int n, boolean largest) {
        float extreme = largest ? kernels.max(a, off, n) : kernels.min(a, off, n);
        boolean nan = Float.isNaN(extreme);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, off + i);
            VectorMask<Float> hit = nan ? v.compare(VectorOperators.NE, v) : v.compare(VectorOperators.EQ, extreme);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (; i < n; i++) {
            float v = a[off + i];
            if (nan ? Float.isNaN(v) : v == extreme) {
                return i;
            }
        }
        throw new IllegalStateException("no element equals the extreme " + extreme);
    }

    /** {@link Kernels#addRows}: each row added a vector at a time, the rows in order. */
    static void addRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        int whole = S.loopBound(rowLength);
        for (int j = 0; j < rows.length; j++) {
            int from = srcOff + j * rowLength;
            int to = dstOff + rows[j] * rowLength;
            int q = 0;
            for (; q < whole; q += L) {
                FloatVector.fromArray(S, dst, to + q).add(FloatVector.fromArray(S, src, from + q)).intoArray(dst, to + q);
            }
            for (; q < rowLength; q++) {
                dst[to + q] += src[from + q];
            }
        }
    }

    /** {@link Kernels#scaleKept}: the lanes' L bits cut out of one or two words of the mask. */
    static void scaleKept(long[] keep, long firstBit, float scale, float[] x, int off, int n) {
        long laneBits = (1L << L) - 1;
        FloatVector zero = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            long bit = firstBit + j;
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            long bits = keep[word] >>> shift;
            if (shift + L > 64) {
                bits |= keep[word + 1] << (64 - shift);
            }
            VectorMask<Float> kept = VectorMask.fromLong(S, bits & laneBits);
            FloatVector v = FloatVector.fromArray(S, x, off + j);
            zero.blend(v.mul(scale), kept).intoArray(x, off + j);
        }
        ScalarIndexing.scaleKept(keep, firstBit + j, scale, x, off + j, n - j);
    }

    /**
     * {@link Kernels#dropout}: the draws of a vector of floats in two vectors of longs (the
     * same mixing in each lane), their comparisons joined into one mask of L lanes.
     */
    static void dropout(long state, long threshold, float scale, float[] x, int xOff, float[] mask, float[] out,
                        int off, int n) {
        int half = LONGS.length();
        FloatVector zero = FloatVector.zero(S);
        FloatVector scaled = FloatVector.broadcast(S, scale);
        // Lane i of a vector of draws from base: base + (i + 1)·GAMMA.
        LongVector steps = LongVector.fromArray(LONGS, STEPS, 0);
        int j = 0;
        for (int bound = half * 2 == L ? S.loopBound(n) : 0; j < bound; j += L) {
            long base = state + j * SplitMix64.GAMMA;
            long low = keptLanes(steps.add(base), threshold);
            long high = keptLanes(steps.add(base + half * SplitMix64.GAMMA), threshold);
            FloatVector m = zero.blend(scaled, VectorMask.fromLong(S, low | high << half));
            m.intoArray(mask, off + j);
            FloatVector.fromArray(S, x, xOff + j).mul(m).intoArray(out, off + j);
        }
        ScalarIndexing.dropout(state + j * SplitMix64.GAMMA, threshold, scale, x, xOff + j, mask, out, off + j, n - j);
    }

    /** Bit i set when lane i's draw, {@code mix(z)}, has its top 24 bits below threshold. */
    private static long keptLanes(LongVector z, long threshold) {
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(SplitMix64.MULTIPLIER_1);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(SplitMix64.MULTIPLIER_2);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        return z.lanewise(VectorOperators.LSHR, 40).compare(VectorOperators.LT, threshold).toLong();
    }
}
