package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conformance of the vector matrix multiply ({@link VectorKernels#gemm}, done by
 * {@link VectorGemm}) with the scalar definition: every transpose case, ragged sizes,
 * leading dimensions wider than the matrices, alpha and beta, and results that do not
 * depend on the thread count.
 */
class VectorGemmTest {
    static final int[] SIZES = {1, 3, 17, 33, 65, 127, 200};
    /** (alpha, beta) pairs; beta 0 runs with NaN in C, which must be ignored. */
    static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {-0.5f, 0f}, {2f, -0.75f}, {0.3f, 1f}};
    /** Marks the parts of the C array that are not part of C; they must stay untouched. */
    static final float OUTSIDE = -12345f;

    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void agreesWithScalarOnEveryCombinationOfSizes(boolean transA, boolean transB) {
        Random random = new Random((transA ? 10 : 20) + (transB ? 1 : 2));
        int count = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    float[] alphaBeta = ALPHA_BETA[count++ % ALPHA_BETA.length];
                    check(transA, transB, m, n, k, alphaBeta[0], alphaBeta[1], random);
                }
            }
        }
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void agreesAcrossCacheBlockBoundaries(boolean transA, boolean transB) {
        // Sizes around the task blocks (MC × NC) and the slices of k (KC), and several slices.
        int[][] shapes = {
            {VectorGemm.MC, VectorGemm.NC, VectorGemm.KC},
            {VectorGemm.MC + 1, VectorGemm.NC + 1, VectorGemm.KC + 1},
            {2 * VectorGemm.MC - 1, 2 * VectorGemm.NC - 1, 2 * VectorGemm.KC - 1},
            {130, 300, 520},
            {5, 700, 600},
            {300, 5, 700},
        };
        Random random = new Random(99);
        for (int[] shape : shapes) {
            check(transA, transB, shape[0], shape[1], shape[2], 1f, 0f, random);
            check(transA, transB, shape[0], shape[1], shape[2], -1.5f, 0.5f, random);
        }
    }

    @Test
    void oneAndTwoThreadsGiveBitwiseIdenticalResults() {
        int m = 300;
        int n = 400;
        int k = 500;
        Random random = new Random(5);
        float[] a = VectorKernelsTest.uniform(random, m * k, -1f, 1f);
        float[] b = VectorKernelsTest.uniform(random, k * n, -1f, 1f);
        float[] c = VectorKernelsTest.uniform(random, m * n, -1f, 1f);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                int lda = transA ? m : k;
                int ldb = transB ? k : n;
                float[][] results = new float[2][];
                for (int threads = 1; threads <= 2; threads++) {
                    float[] out = c.clone();
                    ParallelTest.withThreads(threads, () -> {
                        vector.gemm(transA, transB, m, n, k, 1.25f, a, 0, lda, b, 0, ldb, 0.5f, out, 0, n);
                        return null;
                    });
                    results[threads - 1] = out;
                }
                assertArrayEquals(results[0], results[1], "transA=" + transA + ", transB=" + transB);
            }
        }
    }

    @Test
    void innerProductsForShortOrNarrowProductsAgreeAndDoNotDependOnTheThreadCount() {
        // A·Bᵀ with few rows or columns runs as inner products (VectorInnerProducts).
        int[][] shapes = {{7, 300, 333}, {300, 9, 676}, {1, 128, 784}, {15, 31, 1000}, {16, 31, 17}};
        Random random = new Random(8);
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            check(false, true, m, n, k, 1f, 0f, random);
            check(false, true, m, n, k, 0.5f, 1f, random);
            float[] a = VectorKernelsTest.uniform(random, m * k, -1f, 1f);
            float[] b = VectorKernelsTest.uniform(random, n * k, -1f, 1f);
            float[][] results = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                float[] out = new float[m * n];
                ParallelTest.withThreads(threads, () -> {
                    vector.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, out, 0, n);
                    return null;
                });
                results[threads - 1] = out;
            }
            assertArrayEquals(results[0], results[1], java.util.Arrays.toString(shape));
        }
    }

    @Test
    void narrowProductsSplitIntoFewerStripsGiveTheSameResultsOnOneToThreeThreads() {
        // Products above SMALL with few rows or columns: strips of at least STRIP_WIDTH.
        int[][] shapes = {{256, 128, 784}, {128, 1568, 128}, {1568, 128, 128}, {130, 70, 3000}};
        Random random = new Random(9);
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = VectorKernelsTest.uniform(random, m * k, -1f, 1f);
            float[] b = VectorKernelsTest.uniform(random, k * n, -1f, 1f);
            float[] expected = new float[m * n];
            new ScalarKernels().gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, expected, 0, n);
            float[][] results = new float[3][];
            for (int threads = 1; threads <= 3; threads++) {
                float[] out = new float[m * n];
                ParallelTest.withThreads(threads, () -> {
                    vector.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, out, 0, n);
                    return null;
                });
                results[threads - 1] = out;
            }
            assertArrayEquals(results[0], results[1], m + "x" + n + "x" + k);
            assertArrayEquals(results[0], results[2], m + "x" + n + "x" + k);
            assertArrayEquals(expected, results[0], 1e-3f, m + "x" + n + "x" + k);
        }
    }

    @Test
    void emptyDepthScalesC() {
        float[] c = {1f, 2f, Float.NaN, 4f};
        vector.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, Float.NaN, 2f}, c);
        vector.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void emptyOutputTouchesNothing() {
        float[] c = {7f};
        vector.gemm(false, false, 0, 1, 3, 1f, new float[3], 0, 3, new float[3], 0, 1, 0f, c, 0, 1);
        vector.gemm(false, false, 1, 0, 3, 1f, new float[3], 0, 3, new float[3], 0, 1, 0f, c, 0, 1);
        assertEquals(7f, c[0]);
    }

    /**
     * Runs both kernels on random matrices stored with padded leading dimensions at nonzero
     * offsets, and compares each element of C to within float rounding of the sum of
     * |alpha·a·b| terms plus |beta·c|. The padding of C must be left untouched.
     */
    void check(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, Random random) {
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 5;
        int aOff = 4;
        int bOff = 1;
        int cOff = 6;
        float[] a = VectorKernelsTest.uniform(random, aOff + (transA ? k : m) * lda, -1f, 1f);
        float[] b = VectorKernelsTest.uniform(random, bOff + (transB ? n : k) * ldb, -1f, 1f);
        float[] c = new float[cOff + m * ldc];
        java.util.Arrays.fill(c, OUTSIDE);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = beta == 0f ? Float.NaN : 2 * random.nextFloat() - 1;
            }
        }
        float[] expected = c.clone();
        float[] actual = c.clone();
        scalar.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        vector.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);

        float[] magnitude = abs(c);
        scalar.gemm(transA, transB, m, n, k, Math.abs(alpha), abs(a), aOff, lda, abs(b), bOff, ldb,
                Math.abs(beta), magnitude, cOff, ldc);
        String shape = "m=" + m + ", n=" + n + ", k=" + k + ", alpha=" + alpha + ", beta=" + beta
                + ", transA=" + transA + ", transB=" + transB;
        for (int index = 0; index < c.length; index++) {
            int i = (index - cOff) / ldc;
            int j = (index - cOff) % ldc;
            boolean inside = index >= cOff && j < n;
            if (!inside) {
                if (actual[index] != OUTSIDE) {
                    fail(shape + ": wrote outside C at array index " + index);
                }
            } else if (!(Math.abs(expected[index] - actual[index]) <= 1e-5 * magnitude[index] + 1e-30)) {
                fail(shape + ": C[" + i + "][" + j + "] expected " + expected[index] + ", got " + actual[index]);
            }
        }
    }

    static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }
}
