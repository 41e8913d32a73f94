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
     * outputs are kept.
     */
    static void max(float[] x, int xOff, int inPlane, int[] start, int[] offsets, int outPlane,
                    int planeStart, int planeEnd, float[] y, int[] argmax) {
        int[] map = start.length % L == 0 ? start : Arrays.copyOf(start, (outPlane + L - 1) / L * L);
        float[] lastValues = new float[L];
        int[] lastPositions = new int[L];
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * inPlane;
            int out = p * outPlane;
            for (int o = 0; o < outPlane; o += L) {
                IntVector first = IntVector.fromArray(I, map, o);
                FloatVector max = FloatVector.fromArray(S, x, in + offsets[0], map, o);
                IntVector best = first.add(offsets[0]);
                for (int j = 1; j < offsets.length; j++) {
                    FloatVector v = FloatVector.fromArray(S, x, in + offsets[j], map, o);
                    VectorMask<Float> wins = v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN));
                    max = max.blend(v, wins);
                    best = best.blend(first.add(offsets[j]), wins.cast(I));
                }
                if (o + L <= outPlane) {
                    max.intoArray(y, out + o);
                    best.intoArray(argmax, out + o);
                } else {
                    // The plane's last outputs through a scratch vector: masked stores are not
                    // always compiled to vector code, and then they cost far more.
                    max.intoArray(lastValues, 0);
                    best.intoArray(lastPositions, 0);
                    System.arraycopy(lastValues, 0, y, out + o, outPlane - o);
                    System.arraycopy(lastPositions, 0, argmax, out + o, outPlane - o);
                }
            }
        }
    }
}
