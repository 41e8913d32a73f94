package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
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

    private VectorIndexing() {
    }

    /** {@link Kernels#clamp}; a NaN lane keeps its own bits, as the scalar form returns it unchanged. */
    static void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.max(min).min(max).blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, outOff + i);
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
            VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, extreme);
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
}
