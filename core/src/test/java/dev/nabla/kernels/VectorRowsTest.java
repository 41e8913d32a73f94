package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.SIZES;
import static dev.nabla.kernels.VectorKernelsTest.assertClose;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.VectorKernelsTest.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The row kernels (softmax, log-softmax, strided select): vector against scalar twin. */
class VectorRowsTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    @Test
    void softmaxAgreesWithScalarToRounding() {
        Random random = new Random(1);
        for (int n : SIZES) {
            float[] x = uniform(random, n + 5, -30f, 30f);
            float[] expected = new float[n + 2];
            float[] actual = new float[n + 2];
            scalar.softmax(x, 5, n, expected, 2);
            vector.softmax(x, 5, n, actual, 2);
            // The sum differs only in its order of additions: a few float roundings of each value.
            assertClose(expected, actual, new Tolerance(1e-5, 1e-12), i -> "x=" + x[i + 3], "softmax n=" + n);
            float total = 0f;
            for (int i = 2; i < n + 2; i++) {
                total += actual[i];
            }
            assertEquals(1f, total, 1e-4f, "softmax sums to 1, n=" + n);
        }
    }

    @Test
    void logSoftmaxAgreesWithScalarToRounding() {
        Random random = new Random(2);
        for (int n : SIZES) {
            float[] x = uniform(random, n + 1, -30f, 30f);
            float[] expected = new float[n];
            float[] actual = new float[n];
            scalar.logSoftmax(x, 1, n, expected, 0);
            vector.logSoftmax(x, 1, n, actual, 0);
            assertClose(expected, actual, new Tolerance(1e-5, 1e-5), i -> "x=" + x[i + 1], "logSoftmax n=" + n);
        }
    }

    @Test
    void softmaxOfARowWithInfinitiesFollowsTheScalarDefinition() {
        float[] x = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f,
            12f, 13f, 14f, Float.NEGATIVE_INFINITY};
        float[] expected = new float[x.length];
        float[] actual = new float[x.length];
        scalar.softmax(x, 0, x.length, expected, 0);
        vector.softmax(x, 0, x.length, actual, 0);
        assertClose(expected, actual, new Tolerance(1e-5, 1e-12), i -> "x=" + x[i], "softmax with -inf");
        assertEquals(0f, actual[0]);
        float[] allNegativeInfinity = new float[17];
        java.util.Arrays.fill(allNegativeInfinity, Float.NEGATIVE_INFINITY);
        vector.softmax(allNegativeInfinity, 0, 17, actual, 0);
        assertEquals(Float.NaN, actual[16]); // 0/0, as in PyTorch
    }

    @Test
    void stridedSelectAgreesWithScalarBitForBit() {
        Random random = new Random(3);
        int[][] strides = {{1, 1, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {0, 0, 1}, {0, 1, 0}, {2, 1, 3}, {1, 0, 2}};
        for (int[] s : strides) {
            for (int n : SIZES) {
                float[] cond = new float[3 * n + 4];
                for (int i = 0; i < cond.length; i++) {
                    cond[i] = random.nextInt(3) == 0 ? 0f : random.nextBoolean() ? 1f : Float.NaN;
                }
                float[] a = uniform(random, 3 * n + 4, -5f, 5f);
                float[] b = uniform(random, 3 * n + 4, -5f, 5f);
                float[] expected = new float[n + 1];
                float[] actual = new float[n + 1];
                scalar.select(cond, 2, s[0], a, 1, s[1], b, 3, s[2], expected, 1, n);
                vector.select(cond, 2, s[0], a, 1, s[1], b, 3, s[2], actual, 1, n);
                assertArrayEquals(expected, actual, "strides " + java.util.Arrays.toString(s) + ", n=" + n);
            }
        }
    }
}
