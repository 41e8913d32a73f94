package dev.nabla.kernels;

import static dev.nabla.kernels.IndexingKernelsTest.assertBitwise;
import static dev.nabla.kernels.VectorKernelsTest.sprinkle;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pooling kernels over {@link PoolingGeometry} windows: vector against scalar twin, bit for bit. */
class PoolingKernelsTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();
    static final float[] EDGES = {Float.NaN, Float.POSITIVE_INFINITY, -0f};

    /** Planes of (height × width) with (kernel, stride, padding) windows; output widths straddle the lane count. */
    static final int[][] CASES = {
        {1, 1, 1, 1, 0}, {4, 4, 2, 2, 0}, {7, 9, 3, 2, 1}, {1, 33, 3, 1, 1}, {6, 35, 2, 2, 0},
        {5, 34, 3, 1, 0}, {9, 130, 3, 2, 1}, {2, 65, 2, 1, 1}};

    @Test
    void averagePoolingForwardAndBackwardMatchScalar() {
        Random random = new Random(1);
        for (int[] c : CASES) {
            PoolingGeometry w = sliding(c);
            int planes = 3;
            float[] x = uniform(random, 2 + planes * w.inPlane(), -2f, 2f);
            float[] expected = new float[planes * w.outPlane()];
            float[] actual = new float[expected.length];
            scalar.averagePool(w, x, 2, 1, planes, expected);
            vector.averagePool(w, x, 2, 1, planes, actual);
            assertBitwise(expected, actual, "averagePool " + java.util.Arrays.toString(c));

            float[] gy = uniform(random, 1 + expected.length, -1f, 1f);
            float[] gxExpected = new float[planes * w.inPlane()];
            float[] gxActual = new float[gxExpected.length];
            scalar.averagePoolBackward(w, gy, 1, 0, planes, gxExpected);
            vector.averagePoolBackward(w, gy, 1, 0, planes, gxActual);
            assertBitwise(gxExpected, gxActual, "averagePoolBackward " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void maxPoolingOfClippedWindowsAndItsGradientMatchScalar() {
        Random random = new Random(2);
        for (int[] c : CASES) {
            PoolingGeometry w = sliding(c);
            int planes = 2;
            float[] x = uniform(random, 1 + planes * w.inPlane(), -2f, 2f);
            sprinkle(x, EDGES, random);
            float[] expected = new float[planes * w.outPlane()];
            float[] actual = new float[expected.length];
            int[] expectedArgmax = new int[expected.length];
            int[] actualArgmax = new int[expected.length];
            scalar.maxPool(w, x, 1, 0, planes, expected, expectedArgmax);
            vector.maxPool(w, x, 1, 0, planes, actual, actualArgmax);
            assertBitwise(expected, actual, "maxPool " + java.util.Arrays.toString(c));
            assertArrayEquals(expectedArgmax, actualArgmax, "maxPool argmax " + java.util.Arrays.toString(c));

            float[] gy = uniform(random, expected.length, -1f, 1f);
            float[] gxExpected = new float[planes * w.inPlane()];
            float[] gxActual = new float[gxExpected.length];
            scalar.maxPoolBackward(gy, 0, expectedArgmax, w.inPlane(), w.outPlane(), 0, planes, gxExpected);
            vector.maxPoolBackward(gy, 0, actualArgmax, w.inPlane(), w.outPlane(), 0, planes, gxActual);
            assertBitwise(gxExpected, gxActual, "maxPoolBackward " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void maxPoolingValuesAloneEqualThoseWithPositionsBitForBit() {
        Random random = new Random(3);
        int[][] cases = {{112, 112, 3, 2, 1}, {7, 9, 3, 2, 1}, {9, 130, 3, 2, 1}, {5, 34, 3, 1, 0}, {1, 33, 3, 1, 1},
            {6, 35, 2, 2, 0}, {2, 65, 2, 1, 1}, {1, 1, 1, 1, 0}, {8, 40, 3, 3, 1}};
        for (int[] c : cases) {
            PoolingGeometry w = sliding(c);
            int planes = 3;
            float[] x = withEdges(random, 2 + planes * w.inPlane(), 7);
            float[] withPositions = new float[planes * w.outPlane()];
            scalar.maxPool(w, x, 2, 0, planes, withPositions, new int[withPositions.length]);
            float[] expected = new float[withPositions.length];
            float[] actual = new float[withPositions.length];
            scalar.maxPoolValues(w, x, 2, 0, planes, expected);
            vector.maxPoolValues(w, x, 2, 1, planes, actual);
            System.arraycopy(expected, 0, actual, 0, w.outPlane());   // plane 0 left to the scalar call
            assertBitwise(withPositions, expected, "scalar maxPoolValues " + java.util.Arrays.toString(c));
            assertBitwise(expected, actual, "vector maxPoolValues " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void halvingMaxPoolingEqualsTheGeneralKernelBitForBitWithAndWithoutPositions() {
        Random random = new Random(4);
        // (height, width): output widths below, at and above the lane count, odd sizes dropping a row and a column.
        int[][] sizes = {{2, 2}, {26, 26}, {11, 11}, {4, 64}, {5, 67}, {3, 33}, {8, 30}};
        for (int[] size : sizes) {
            PoolingGeometry w = sliding(new int[] {size[0], size[1], 2, 2, 0});
            int planes = 5;
            float[] x = withEdges(random, 3 + planes * w.inPlane(), 5);
            float[] expected = new float[planes * w.outPlane()];
            int[] expectedArgmax = new int[expected.length];
            scalar.maxPool(w, x, 3, 0, planes, expected, expectedArgmax);
            String where = java.util.Arrays.toString(size);
            for (Kernels kernels : new Kernels[] {scalar, vector}) {
                // Split as the parallel loop may: each call writes only its own planes.
                float[] actual = new float[expected.length];
                int[] actualArgmax = new int[expected.length];
                float[] values = new float[expected.length];
                java.util.Arrays.fill(values, 7f);
                for (int[] range : new int[][] {{0, 2}, {2, 3}, {3, 5}}) {
                    kernels.maxPoolHalving(w, x, 3, range[0], range[1], actual, actualArgmax);
                    kernels.maxPoolHalving(w, x, 3, range[0], range[1], values, null);
                }
                assertBitwise(expected, actual, kernels.getClass().getSimpleName() + " maxPoolHalving " + where);
                assertArrayEquals(expectedArgmax, actualArgmax, "maxPoolHalving argmax " + where);
                assertBitwise(expected, values, kernels.getClass().getSimpleName() + " values alone " + where);
            }
            float[] tail = new float[expected.length];
            java.util.Arrays.fill(tail, 7f);
            vector.maxPoolHalving(w, x, 3, 2, 3, tail, null);   // one plane: the others stay as they were
            for (int o = 0; o < tail.length; o++) {
                boolean inside = o >= 2 * w.outPlane() && o < 3 * w.outPlane();
                assertBitwise(new float[] {inside ? expected[o] : 7f}, new float[] {tail[o]}, "plane 2 only " + where);
            }
        }
    }

    @Test
    void averagePoolingCountsPaddedPositions() {
        // One plane [1, 2, 3], kernel 3, padding 1: windows [0, 1, 2] and [2, 3, 0] of 3 each.
        PoolingGeometry w = sliding(new int[] {1, 3, 3, 2, 1});
        float[] y = new float[2];
        vector.averagePool(w, new float[] {1f, 2f, 3f}, 0, 0, 1, y);
        assertArrayEquals(new float[] {1f, 5f / 3f}, y);
    }

    /** Uniform values in [-2, 2) with NaN, infinity and -0 sprinkled in, and a signed zero every {@code every}-th (ties: the first must win). */
    private static float[] withEdges(Random random, int length, int every) {
        float[] x = uniform(random, length, -2f, 2f);
        sprinkle(x, EDGES, random);
        for (int i = 2; i < x.length; i += every) {
            x[i] = random.nextBoolean() ? 0f : -0f;
        }
        return x;
    }

    /** Square windows over width, one row of windows over height when the height is 1; as PyTorch clips them. */
    private static PoolingGeometry sliding(int[] c) {
        int height = c[0];
        int width = c[1];
        int kernelHeight = height == 1 ? 1 : c[2];
        int paddingHeight = height == 1 ? 0 : c[4];
        int[][] rows = ranges(height, kernelHeight, height == 1 ? 1 : c[3], paddingHeight);
        int[][] columns = ranges(width, c[2], c[3], c[4]);
        return new PoolingGeometry(height, width, rows[0], rows[1], rows[2], columns[0], columns[1], columns[2]);
    }

    private static int[][] ranges(int size, int kernel, int stride, int padding) {
        int count = (size + 2 * padding - kernel) / stride + 1;
        int[][] ranges = new int[3][count];
        for (int o = 0; o < count; o++) {
            int start = o * stride - padding;
            int end = Math.min(start + kernel, size + padding);
            ranges[2][o] = end - start;
            ranges[0][o] = Math.max(start, 0);
            ranges[1][o] = Math.min(end, size);
        }
        return ranges;
    }
}
