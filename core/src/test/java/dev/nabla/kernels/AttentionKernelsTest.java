package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attention kernels (small product, shifted exponential, softmax gradient): vector against scalar twin. */
class AttentionKernelsTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();
    static final int[] SIDES = {1, 3, 4, 7, 8, 9, 15, 16, 17, 28, 31, 33, 64, 65};

    @Test
    void productMatchesScalarBitForBitWithStridesAndOffsets() {
        Random random = new Random(1);
        for (int m : SIDES) {
            for (int n : SIDES) {
                for (int k : new int[] {1, 5, 16, 28}) {
                    int lda = k + 2;
                    int ldb = n + 3;
                    int ldc = n + 1;
                    float[] a = uniform(random, 3 + m * lda, -1f, 1f);
                    float[] b = uniform(random, 2 + k * ldb, -1f, 1f);
                    float[] c0 = uniform(random, 1 + m * ldc + 2, -1f, 1f);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] expected = c0.clone();
                        float[] actual = c0.clone();
                        scalar.product(m, n, k, 0.5f, a, 3, lda, b, 2, ldb, accumulate, expected, 1, ldc);
                        vector.product(m, n, k, 0.5f, a, 3, lda, b, 2, ldb, accumulate, actual, 1, ldc);
                        assertArrayEquals(expected, actual, "m=" + m + " n=" + n + " k=" + k + " " + accumulate);
                    }
                }
            }
        }
    }

    @Test
    void productIsTheMatrixProductAndLeavesTheGapsAlone() {
        float[] a = {1, 2, 9, 3, 4};                // [[1, 2], [3, 4]], row stride 3
        float[] b = {5, 6, 7, 8};                   // [[5, 6], [7, 8]]
        float[] c = {-1, -1, -1, -1, -1, -1};       // row stride 3
        vector.product(2, 2, 2, 1f, a, 0, 3, b, 0, 2, false, c, 0, 3);
        assertArrayEquals(new float[] {19, 22, -1, 43, 50, -1}, c);
        vector.product(2, 2, 2, 2f, a, 0, 3, b, 0, 2, true, c, 0, 3);
        assertArrayEquals(new float[] {57, 66, -1, 129, 150, -1}, c);
    }

    @Test
    void shiftedExponentialAgreesWithScalarToRoundingAndSoftmaxGradientBitForBit() {
        Random random = new Random(2);
        for (int n : VectorKernelsTest.SIZES) {
            float[] x = uniform(random, n + 2, -20f, 5f);
            float[] expected = x.clone();
            float[] actual = x.clone();
            scalar.expShifted(expected, 1, n, 2.5f);
            vector.expShifted(actual, 1, n, 2.5f);
            assertEquals(x[0], actual[0]);
            assertEquals(x[n + 1], actual[n + 1]);
            for (int i = 1; i <= n; i++) {
                assertEquals(expected[i], actual[i], 2e-7f * expected[i], "exp n=" + n + " i=" + i);
            }
            float[] p = uniform(random, n + 1, 0f, 1f);
            float[] g = uniform(random, n + 3, -1f, 1f);
            float[] gScalar = g.clone();
            float[] gVector = g.clone();
            scalar.softmaxGradient(p, 1, gScalar, 3, 0.25f, n);
            vector.softmaxGradient(p, 1, gVector, 3, 0.25f, n);
            assertArrayEquals(gScalar, gVector, "softmax gradient n=" + n);
            assertEquals(p[1] * (g[3] - 0.25f), gVector[3]);
        }
    }
}
