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

    /**
     * {@link Kernels#averagePool}. When every window has the same shape (nothing clipped by
     * padding), a vector of neighbouring outputs at a time: each window element gathered for all
     * of them and added in the scalar order, then divided by the same counts, so the sums are
     * bit for bit the scalar ones. Windows of several shapes take the scalar loop.
     */
    static void average(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        int windowHeight = equalSpan(w.rowStart(), w.rowEnd());
        int windowWidth = equalSpan(w.columnStart(), w.columnEnd());
        if (windowHeight <= 0 || windowWidth <= 0) {
            ScalarPooling.average(w, x, xOff, planeStart, planeEnd, y);
            return;
        }
        int outPlane = w.outPlane();
        int padded = (outPlane + L - 1) / L * L;
        int[] start = new int[padded];
        float[] divisor = new float[padded];
        Arrays.fill(divisor, 1f);
        for (int oh = 0, o = 0; oh < w.outHeight(); oh++) {
            for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                start[o] = w.rowStart()[oh] * w.inWidth() + w.columnStart()[ow];
                divisor[o] = w.rowCount()[oh] * w.columnCount()[ow];
            }
        }
        int[] offsets = new int[windowHeight * windowWidth];
        for (int i = 0; i < windowHeight; i++) {
            for (int j = 0; j < windowWidth; j++) {
                offsets[i * windowWidth + j] = i * w.inWidth() + j;
            }
        }
        float[] last = new float[L];
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            int out = p * outPlane;
            for (int o = 0; o < outPlane; o += L) {
                FloatVector sum = FloatVector.zero(S);
                for (int offset : offsets) {
                    sum = sum.add(FloatVector.fromArray(S, x, in + offset, start, o));
                }
                sum = sum.div(FloatVector.fromArray(S, divisor, o));
                if (o + L <= outPlane) {
                    sum.intoArray(y, out + o);
                } else {
                    sum.intoArray(last, 0);
                    System.arraycopy(last, 0, y, out + o, outPlane - o);
                }
            }
        }
    }

    /** The common length of all the spans [start[o], end[o]), or 0 when they differ. */
    private static int equalSpan(int[] start, int[] end) {
        for (int o = 1; o < start.length; o++) {
            if (end[o] - start[o] != end[0] - start[0]) {
                return 0;
            }
        }
        return start.length == 0 ? 0 : end[0] - start[0];
    }

    /**
     * {@link Kernels#maxPoolValues}, separably: for each row of outputs, the maxima of the
     * window's input rows column by column (whole vectors of contiguous input), then the maxima
     * of those over each window's columns (scalar). Keeping the first largest (or the last NaN)
     * in both passes gives the definition's values; of a tie between −0 and +0 in different rows
     * and columns, the sign may differ from the row-major scan's. Reading the rows first halves
     * the scalar pass of a stride-2 pooling and needs no gathers (a ResNet stem's 3 × 3 pooling:
     * a tenth of the time).
     */
    static void maxValues(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        int inWidth = w.inWidth();
        int outWidth = w.outWidth();
        int[] columnStart = w.columnStart();
        int[] columnEnd = w.columnEnd();
        float[] rowMax = new float[inWidth];
        int bound = S.loopBound(inWidth);
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            for (int oh = 0; oh < w.outHeight(); oh++) {
                int first = w.rowStart()[oh];
                int end = w.rowEnd()[oh];
                int iw = 0;
                for (; iw < bound; iw += L) {
                    FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    for (int ih = first; ih < end; ih++) {
                        FloatVector v = FloatVector.fromArray(S, x, in + ih * inWidth + iw);
                        max = max.blend(v, v.compare(VectorOperators.GT, max).or(v.test(VectorOperators.IS_NAN)));
                    }
                    max.intoArray(rowMax, iw);
                }
                for (; iw < inWidth; iw++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = first; ih < end; ih++) {
                        float v = x[in + ih * inWidth + iw];
                        if (v > max || v != v) {
                            max = v;
                        }
                    }
                    rowMax[iw] = max;
                }
                maxOfColumns(rowMax, 0, columnStart, columnEnd, 0, outWidth, y, p * w.outPlane() + oh * outWidth);
            }
        }
    }

    /** The first largest (or last NaN) of each window of columns of one input row, for outputs [from, to). */
    private static void maxOfColumns(float[] x, int at, int[] columnStart, int[] columnEnd, int from, int to,
                                     float[] rows, int row) {
        for (int ow = from; ow < to; ow++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int iw = columnStart[ow]; iw < columnEnd[ow]; iw++) {
                float v = x[at + iw];
                if (v > max || v != v) {
                    max = v;
                }
            }
            rows[row + ow] = max;
        }
    }
}
