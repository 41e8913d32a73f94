package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attention rows with the vectorised kernels against the scalar ones, on lengths that
 * straddle every lane and unroll boundary, with masked (−∞) scores; and against the definitions.
 */
class AttentionRowsTest {

    private static final int[] SIZES = {1, 3, 15, 16, 17, 31, 33, 63, 65, 1023, 1025};

    private final AttentionRows scalar = new AttentionRows(new ScalarKernels());
    private final AttentionRows vector = new AttentionRows(new VectorKernels());

    private static float[] scores(int n, long seed) {
        Random random = new Random(seed);
        float[] s = new float[n + 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(5) == 0 ? Float.NEGATIVE_INFINITY : (float) random.nextGaussian() * 30f;
        }
        s[1] = 50f;
        return s;
    }

    @Test
    void softmaxAgreesWithTheScalarKernelsAndTheDefinition() {
        for (int n : SIZES) {
            float[] a = scores(n, n);
            float[] b = a.clone();
            float[] original = a.clone();
            float lseScalar = scalar.softmax(a, 1, n);
            float lseVector = vector.softmax(b, 1, n);
            assertEquals(lseScalar, lseVector, 1e-5f * Math.abs(lseScalar), "n=" + n);
            assertArrayEquals(a, b, 1e-6f, "n=" + n);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 1; i <= n; i++) {
                max = Math.max(max, original[i]);
            }
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += Math.exp(original[i] - max);
            }
            for (int i = 1; i <= n; i++) {
                // the log-sum-exp of scores near 50 is rounded to about 4e-6, and so is each probability
                assertEquals(Math.exp(original[i] - max) / sum, a[i], 2e-5, "n=" + n + " i=" + i);
            }
            assertEquals(original[0], a[0], 0f);
            assertEquals(original[n + 1], a[n + 1], 0f);
        }
    }

    @Test
    void aFullyMaskedRowGivesZeros() {
        for (AttentionRows rows : new AttentionRows[] {scalar, vector}) {
            float[] s = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
            assertEquals(Float.NEGATIVE_INFINITY, rows.softmax(s, 0, 3));
            assertArrayEquals(new float[3], s, 0f);
        }
    }

    @Test
    void backwardAgreesWithTheScalarKernelsAndTheDefinition() {
        for (int n : SIZES) {
            float[] p = scores(n, 100 + n);
            scalar.softmax(p, 1, n);
            float[] gradient = scores(n, 200 + n);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = Float.isInfinite(gradient[i]) ? 1f : gradient[i] / 30f;
            }
            float[] a = gradient.clone();
            float[] b = gradient.clone();
            float delta = scalar.dot(p, 1, gradient, 1, n);
            assertEquals(delta, vector.dot(p, 1, gradient, 1, n), 1e-5f);
            scalar.softmaxBackward(p, 1, a, 1, delta, n);
            vector.softmaxBackward(p, 1, b, 1, delta, n);
            assertArrayEquals(a, b, 1e-6f, "n=" + n);
            for (int i = 1; i <= n; i++) {
                assertEquals(p[i] * (gradient[i] - delta), a[i], 1e-6f);
            }
        }
    }
}
