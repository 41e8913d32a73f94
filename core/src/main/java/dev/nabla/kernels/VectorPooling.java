package dev.nabla.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling on the Vector API: a vector of neighbouring outputs at a time, each window
 * element fetched for all of them with one gather. Comparing with masks and blending keeps
 * the loop free of branches; with random data the scalar loop mispredicts about one
 * comparison in two, which costs more than the arithmetic.
 */
final class VectorPooling {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();

    private VectorPooling() {
    }

    /**
     * {@link Kernels#maxPool}. The last vector of a plane reads windows past the plane's
     * outputs: their starts are padded with 0, a window that exists, and only the lanes of real
     * outputs are stored.
     */
    static void max(float[] x, int xOff, int inPlane, int[] start, int[] offsets, int outPlane,
                    int planeStart, int planeEnd, float[] y, int[] argmax) {
        int[] map = start.length % L == 0 ? start : Arrays.copyOf(start, (outPlane + L - 1) / L * L);
        VectorMask<Float> all = S.maskAll(true);
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * inPlane;
            int out = p * outPlane;
            for (int o = 0; o < outPlane; o += L) {
                VectorMask<Float> lanes = o + L <= outPlane ? all : S.indexInRange(o, outPlane);
                IntVector first = IntVector.fromArray(I, map, o);
                FloatVector max = FloatVector.fromArray(S, x, in + offsets[0], map, o);
                IntVector best = first.add(offsets[0]);
                for (int j = 1; j < offsets.length; j++) {
                    FloatVector v = FloatVector.fromArray(S, x, in + offsets[j], map, o);
                    VectorMask<Float> wins = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN));
                    max = max.blend(v, wins);
                    best = best.blend(first.add(offsets[j]), wins.cast(I));
                }
                if (lanes == all) {
                    max.intoArray(y, out + o);
                    best.intoArray(argmax, out + o);
                } else {
                    max.intoArray(y, out + o, lanes);
                    best.intoArray(argmax, out + o, lanes.cast(I));
                }
            }
        }
    }
}
