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
                    VectorMask<Float> wins = v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
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

    /** Lanes 0, 2, 4, … and 1, 3, 5, … of two vectors side by side, as indexes for {@code selectFrom}. */
    private static final FloatVector EVEN = FloatVector.fromArray(S, lanes(0), 0);
    private static final FloatVector ODD = FloatVector.fromArray(S, lanes(1), 0);
    private static final IntVector DOUBLE_IOTA = IntVector.fromArray(I, positions(), 0);

    /**
     * {@link Kernels#maxPoolHalving}: per output row, two vectors of each of its two input rows
     * are split into their even and odd columns ({@code selectFrom} of two vectors), and the four
     * window elements compared in row-major order, so ties and NaNs resolve as in the scalar
     * definition. A vector whose lanes run past the row's outputs still stores them whole: the
     * extra lanes land on outputs of later rows, which are written after it; only where that
     * would reach past the planes of this call (or a load past the input) the outputs are
     * computed one by one. The CNN's 2 × 2 pooling of 32 × 26 × 26 took about 19 µs through gathers.
     */
    static void maxHalving(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y,
                           int[] argmax) {
        int inWidth = w.inWidth();
        int outWidth = w.outWidth();
        int end = planeEnd * w.outPlane();
        for (int p = planeStart; p < planeEnd; p++) {
            for (int oh = 0; oh < w.outHeight(); oh++) {
                int top = xOff + p * w.inPlane() + 2 * oh * inWidth;
                int out = p * w.outPlane() + oh * outWidth;
                for (int ow = 0; ow < outWidth; ow += L) {
                    int at = top + 2 * ow;
                    if (out + ow + L > end || at + inWidth + 2 * L > x.length) {
                        ScalarPooling.maxHalving(x, top, inWidth, ow, Math.min(outWidth, ow + L), y, out, argmax,
                                2 * oh * inWidth);
                        continue;
                    }
                    FloatVector a = FloatVector.fromArray(S, x, at);
                    FloatVector b = FloatVector.fromArray(S, x, at + L);
                    FloatVector c = FloatVector.fromArray(S, x, at + inWidth);
                    FloatVector d = FloatVector.fromArray(S, x, at + inWidth + L);
                    FloatVector max = EVEN.selectFrom(a, b);
                    FloatVector right = ODD.selectFrom(a, b);
                    FloatVector below = EVEN.selectFrom(c, d);
                    FloatVector diagonal = ODD.selectFrom(c, d);
                    VectorMask<Float> rightWins = wins(right, max);
                    max = max.blend(right, rightWins);
                    VectorMask<Float> belowWins = wins(below, max);
                    max = max.blend(below, belowWins);
                    VectorMask<Float> diagonalWins = wins(diagonal, max);
                    max = max.blend(diagonal, diagonalWins);
                    if (argmax != null) {
                        IntVector first = DOUBLE_IOTA.add(2 * oh * inWidth + 2 * ow);
                        IntVector best = first.blend(first.add(1), rightWins.cast(I))
                                .blend(first.add(inWidth), belowWins.cast(I))
                                .blend(first.add(inWidth + 1), diagonalWins.cast(I));
                        best.intoArray(argmax, out + ow);
                    }
                    max.intoArray(y, out + ow);
                }
            }
        }
    }

    /** Where v takes over from the running maximum: larger, or NaN. */
    private static VectorMask<Float> wins(FloatVector v, FloatVector max) {
        return v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
    }

    private static float[] lanes(int first) {
        float[] indexes = new float[L];
        for (int i = 0; i < L; i++) {
            indexes[i] = first + 2 * i;
        }
        return indexes;
    }

    private static int[] positions() {
        int[] positions = new int[L];
        for (int i = 0; i < L; i++) {
            positions[i] = 2 * i;
        }
        return positions;
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
     * {@link Kernels#maxPoolValues}, separably and branch-free: each input row's maxima over
     * every run of the widest window's width (vectors, shifted loads), from which each full
     * window of columns takes its run's (windows clipped by the padding are scanned); then, a
     * vector of outputs at a time, the maxima of those over the windows' rows. Keeping the first
     * largest (or the last NaN) in both passes keeps the row-major scan's winner, signed zeros
     * included, so the values equal the scalar definition's bit for bit. A ResNet stem's 3 × 3
     * pooling of 64 × 112 × 112 takes about 0.5 ms on one thread; a scalar pass with a branch
     * per element took 2.3 ms, the branch mispredicted on every other activation.
     */
    static void maxValues(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        int inWidth = w.inWidth();
        int outWidth = w.outWidth();
        int[] columnStart = w.columnStart();
        int[] columnEnd = w.columnEnd();
        int widest = 0;
        for (int ow = 0; ow < outWidth; ow++) {
            widest = Math.max(widest, columnEnd[ow] - columnStart[ow]);
        }
        // One input row with room past its end for the shifted loads, which read -inf there.
        float[] row = new float[inWidth + widest + L];
        Arrays.fill(row, inWidth, row.length, Float.NEGATIVE_INFINITY);
        float[] runs = new float[inWidth + L];
        float[] rows = new float[w.inHeight() * outWidth];
        int bound = S.loopBound(outWidth);
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            for (int ih = 0; ih < w.inHeight(); ih++) {
                System.arraycopy(x, in + ih * inWidth, row, 0, inWidth);
                for (int j = 0; j < inWidth; j += L) {
                    FloatVector max = FloatVector.fromArray(S, row, j);
                    for (int d = 1; d < widest; d++) {
                        FloatVector v = FloatVector.fromArray(S, row, j + d);
                        max = max.blend(v, v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v)));
                    }
                    max.intoArray(runs, j);
                }
                int at = ih * outWidth;
                for (int ow = 0; ow < outWidth; ow++) {
                    int from = columnStart[ow];
                    if (columnEnd[ow] - from == widest) {
                        rows[at + ow] = runs[from];
                        continue;
                    }
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = from; c < columnEnd[ow]; c++) {
                        if (row[c] > max || row[c] != row[c]) {
                            max = row[c];
                        }
                    }
                    rows[at + ow] = max;
                }
            }
            for (int oh = 0; oh < w.outHeight(); oh++) {
                int out = p * w.outPlane() + oh * outWidth;
                int first = w.rowStart()[oh];
                int end = w.rowEnd()[oh];
                int ow = 0;
                for (; ow < bound; ow += L) {
                    FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    for (int ih = first; ih < end; ih++) {
                        FloatVector v = FloatVector.fromArray(S, rows, ih * outWidth + ow);
                        max = max.blend(v, v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v)));
                    }
                    max.intoArray(y, out + ow);
                }
                for (; ow < outWidth; ow++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = first; ih < end; ih++) {
                        float v = rows[ih * outWidth + ow];
                        if (v > max || v != v) {
                            max = v;
                        }
                    }
                    y[out + ow] = max;
                }
            }
        }
    }
}
