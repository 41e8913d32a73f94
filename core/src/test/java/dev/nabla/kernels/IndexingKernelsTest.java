package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.SIZES;
import static dev.nabla.kernels.VectorKernelsTest.sprinkle;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Clamp, arg-extremes, gathers, scatters and row copies: vector against scalar twin, bit for bit. */
class IndexingKernelsTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();
    static final float[] EDGES = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, -1f, 1f};

    @Test
    void clampMatchesScalarBitForBitWithItsGradientMask() {
        Random random = new Random(1);
        for (int n : SIZES) {
            float[] x = uniform(random, n + 3, -3f, 3f);
            sprinkle(x, EDGES, random);
            float[][] expected = {new float[n + 1], new float[n + 1]};
            float[][] actual = {new float[n + 1], new float[n + 1]};
            scalar.clamp(x, 3, -1f, 1f, expected[0], expected[1], 1, n);
            vector.clamp(x, 3, -1f, 1f, actual[0], actual[1], 1, n);
            assertBitwise(expected[0], actual[0], "clamp n=" + n);
            assertBitwise(expected[1], actual[1], "clamp mask n=" + n);
        }
        float[] out = new float[3];
        float[] pass = new float[3];
        vector.clamp(new float[] {-2f, 0.5f, Float.NaN}, 0, -1f, 1f, out, pass, 0, 3);
        assertArrayEquals(new float[] {-1f, 0.5f, Float.NaN}, out);
        assertArrayEquals(new float[] {0f, 1f, 0f}, pass);
    }

    @Test
    void argMaxAndArgMinFindTheFirstExtremeOrTheFirstNaNAsTheScalarLoop() {
        Random random = new Random(2);
        for (int n : SIZES) {
            for (int trial = 0; trial < 4; trial++) {
                // Few distinct values, so ties are common; trial 3 adds NaN, infinities and signed zeros.
                float[] x = new float[n + 2];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextInt(5) - 2;
                }
                if (trial == 3) {
                    sprinkle(x, EDGES, random);
                }
                assertEquals(scalar.argMax(x, 2, n), vector.argMax(x, 2, n), "argMax n=" + n + " trial " + trial);
                assertEquals(scalar.argMin(x, 2, n), vector.argMin(x, 2, n), "argMin n=" + n + " trial " + trial);
            }
        }
        float[] row = {1f, 3f, -0f, 3f, 0f, -5f, -5f};
        assertEquals(1, vector.argMax(row, 0, row.length));
        assertEquals(5, vector.argMin(row, 0, row.length));
        assertEquals(0, vector.argMax(row, 2, 1));
        float[] zeros = {-0f, 0f};
        assertEquals(0, vector.argMax(zeros, 0, 2));
        assertEquals(0, vector.argMin(zeros, 0, 2));
    }

    @Test
    void gatherAndScatterAddMatchScalarBitForBit() {
        Random random = new Random(3);
        for (int n : SIZES) {
            float[] src = uniform(random, n + 4, -2f, 2f);
            int[] positions = new int[n + 1];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = random.nextInt(n); // repeats on purpose
            }
            float[] expected = new float[n + 2];
            float[] actual = new float[n + 2];
            scalar.gather(src, 4, positions, 1, expected, 2, n);
            vector.gather(src, 4, positions, 1, actual, 2, n);
            assertBitwise(expected, actual, "gather n=" + n);

            float[] scatteredExpected = uniform(new Random(n), n + 3, -1f, 1f);
            float[] scatteredActual = scatteredExpected.clone();
            scalar.scatterAdd(src, 4, positions, 1, scatteredExpected, 3, n);
            vector.scatterAdd(src, 4, positions, 1, scatteredActual, 3, n);
            assertBitwise(scatteredExpected, scatteredActual, "scatterAdd n=" + n);
        }
        float[] into = new float[3];
        vector.scatterAdd(new float[] {1f, 2f, 4f}, 0, new int[] {2, 0, 2}, 0, into, 0, 3);
        assertArrayEquals(new float[] {2f, 0f, 5f}, into);
    }

    @Test
    void copyRowsAndAddRowsMatchScalarBitForBit() {
        Random random = new Random(4);
        for (int rowLength : SIZES) {
            if (rowLength > 1100) {
                continue;
            }
            int sourceRows = 5;
            int[] rows = {3, 0, 3, 4, 1, 3};
            float[] src = uniform(random, 1 + sourceRows * rowLength, -2f, 2f);
            float[] expected = new float[2 + rows.length * rowLength];
            float[] actual = new float[expected.length];
            scalar.copyRows(src, 1, rows, expected, 2, rowLength);
            vector.copyRows(src, 1, rows, actual, 2, rowLength);
            assertBitwise(expected, actual, "copyRows length " + rowLength);
            assertEquals(src[1 + 3 * rowLength], actual[2], "row 0 is source row 3");

            float[] gradient = uniform(random, 3 + rows.length * rowLength, -1f, 1f);
            float[] summedExpected = uniform(new Random(rowLength), 1 + sourceRows * rowLength, -1f, 1f);
            float[] summedActual = summedExpected.clone();
            scalar.addRows(gradient, 3, rows, summedExpected, 1, rowLength);
            vector.addRows(gradient, 3, rows, summedActual, 1, rowLength);
            assertBitwise(summedExpected, summedActual, "addRows length " + rowLength);
        }
    }

    @Test
    void scaleKeptMatchesScalarBitForBitAtEveryBitAlignment() {
        Random random = new Random(5);
        long[] keep = new long[80];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = random.nextLong();
        }
        for (int n : SIZES) {
            if (n > 4000) {
                continue;
            }
            for (long firstBit : new long[] {0, 1, 37, 60, 63, 64, 100}) {
                float[] expected = uniform(random, n + 2, -2f, 2f);
                sprinkle(expected, EDGES, random);
                float[] actual = expected.clone();
                scalar.scaleKept(keep, firstBit, 1f / 0.7f, expected, 2, n);
                vector.scaleKept(keep, firstBit, 1f / 0.7f, actual, 2, n);
                assertBitwise(expected, actual, "scaleKept n=" + n + " from bit " + firstBit);
            }
        }
        float[] x = {1f, 2f, 3f};
        vector.scaleKept(new long[] {0b101L}, 0, 2f, x, 0, 3);
        assertArrayEquals(new float[] {2f, 0f, 6f}, x);
    }

    @Test
    void dropoutDrawsTheSplitMixSequenceAndMatchesScalarBitForBit() {
        Random random = new Random(6);
        long threshold = (long) Math.ceil(0.7 * (1 << 24));
        for (int n : SIZES) {
            long state = random.nextLong();
            float[] x = uniform(random, n + 3, -2f, 2f);
            sprinkle(x, EDGES, random);
            float[] expectedMask = new float[n + 1];
            float[] expectedOut = new float[n + 1];
            float[] actualMask = new float[n + 1];
            float[] actualOut = new float[n + 1];
            scalar.dropout(state, threshold, 1f / 0.7f, x, 3, expectedMask, expectedOut, 1, n);
            vector.dropout(state, threshold, 1f / 0.7f, x, 3, actualMask, actualOut, 1, n);
            assertBitwise(expectedMask, actualMask, "dropout mask n=" + n);
            assertBitwise(expectedOut, actualOut, "dropout output n=" + n);
            long z = state;
            for (int j = 0; j < n; j++) {
                boolean kept = SplitMix64.mix(z += SplitMix64.GAMMA) >>> 40 < threshold;
                assertEquals(kept ? 1f / 0.7f : 0f, expectedMask[1 + j], "draw " + j + " of n=" + n);
                assertEquals(x[3 + j] * expectedMask[1 + j], expectedOut[1 + j], 0f, "output " + j);
            }
        }
    }

    static void assertBitwise(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + " at " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
