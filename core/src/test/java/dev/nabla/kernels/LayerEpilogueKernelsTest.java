package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.assertClose;
import static dev.nabla.kernels.VectorKernelsTest.sprinkle;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.kernels.VectorKernelsTest.Tolerance;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused dense-layer kernels ({@link Kernels#biasActivation}, {@link Kernels#columnSums}):
 * the scalar definition on small cases worked out by hand, and {@link VectorKernels} against
 * it on row lengths that straddle every lane boundary, at nonzero offsets and with a leading
 * dimension wider than the rows.
 */
class LayerEpilogueKernelsTest {
    private static final int[] COLUMNS = {1, 3, 10, 15, 16, 17, 33, 65, 128, 129};
    private static final int[] ROWS = {1, 2, 7, 63, 64, 65, 130};

    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();

    @Test
    void biasActivationAddsTheBiasToEveryRowThenApplies() {
        float[] z = {1f, -2f, 3f, -4f};
        float[] y = new float[4];
        scalar.biasActivation(UnaryOp.RELU, 0f, z, 0, new float[] {0.5f, 1f}, 0, y, 0, 2, 2);
        assertArrayEquals(new float[] {1.5f, -1f, 3.5f, -3f}, z);
        assertArrayEquals(new float[] {1.5f, 0f, 3.5f, 0f}, y);
        scalar.biasActivation(UnaryOp.RELU, 0f, z, 0, null, 0, z, 0, 2, 2);   // in place, no bias
        assertArrayEquals(new float[] {1.5f, 0f, 3.5f, 0f}, z);
        scalar.biasActivation(null, 0f, z, 0, new float[] {1f, 1f}, 0, null, 0, 2, 2); // bias only
        assertArrayEquals(new float[] {2.5f, 1f, 4.5f, 1f}, z);
    }

    @Test
    void columnSumsAddBlocksOfRowsInOrder() {
        float[] a = {1f, 2f, 9f, 3f, 4f, 9f, 5f, 6f, 9f};
        float[] out = new float[3];
        scalar.columnSums(a, 0, 3, 3, 2, out, 1);
        assertArrayEquals(new float[] {0f, 9f, 12f}, out);
        // 1e7 then 0.25s: one running sum would stay at 1e7 (its ulp is 1), but the second
        // block's 64 quarters are summed on their own, so they count.
        float[] column = new float[2 * Kernels.COLUMN_SUM_BLOCK];
        Arrays.fill(column, 0.25f);
        column[0] = 1e7f;
        float[] sum = new float[1];
        scalar.columnSums(column, 0, 1, column.length, 1, sum, 0);
        assertArrayEquals(new float[] {1e7f + 16f}, sum);
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"RELU", "SIGMOID", "TANH", "GELU", "SILU", "ELU", "SOFTPLUS"})
    void biasActivationAgreesWithScalar(UnaryOp op) {
        float param = op == UnaryOp.ELU || op == UnaryOp.SOFTPLUS ? 1f : 0f;
        Random random = new Random(op.ordinal());
        for (int rows : new int[] {1, 3, 17}) {
            for (int cols : COLUMNS) {
                float[] z = uniform(random, 4 + rows * cols, -5f, 5f);
                sprinkle(z, VectorKernelsTest.EDGES, random);
                float[] bias = uniform(random, cols + 2, -1f, 1f);
                float[] expectedZ = z.clone();
                float[] actualZ = z.clone();
                float[] expectedY = new float[rows * cols + 3];
                float[] actualY = new float[rows * cols + 3];
                scalar.biasActivation(op, param, expectedZ, 4, bias, 2, expectedY, 3, rows, cols);
                vector.biasActivation(op, param, actualZ, 4, bias, 2, actualY, 3, rows, cols);
                String what = op + " " + rows + "x" + cols;
                assertClose(expectedZ, actualZ, Tolerance.EXACT, i -> "z", what + " (z + bias)");
                assertClose(expectedY, actualY, VectorKernelsTest.forwardTolerance(op), i -> "y", what);
            }
        }
    }

    @Test
    void biasActivationWithoutBiasOrActivationAgreesExactly() {
        Random random = new Random(3);
        for (int cols : COLUMNS) {
            float[] z = uniform(random, 2 * cols + 1, -5f, 5f);
            float[] bias = uniform(random, cols, -1f, 1f);
            float[] expected = z.clone();
            float[] actual = z.clone();
            scalar.biasActivation(null, 0f, expected, 1, bias, 0, null, 0, 2, cols);
            vector.biasActivation(null, 0f, actual, 1, bias, 0, null, 0, 2, cols);
            assertArrayEquals(expected, actual, "bias only, cols=" + cols);
            scalar.biasActivation(UnaryOp.RELU, 0f, expected, 1, null, 0, expected, 1, 2, cols);
            vector.biasActivation(UnaryOp.RELU, 0f, actual, 1, null, 0, actual, 1, 2, cols);
            assertArrayEquals(expected, actual, "relu in place, cols=" + cols);
        }
    }

    @Test
    void columnSumsAgreeExactlyIncludingStridedRowsAndNaN() {
        Random random = new Random(11);
        for (int rows : ROWS) {
            for (int cols : COLUMNS) {
                int ld = cols + 5;
                float[] a = uniform(random, 7 + rows * ld, -3f, 3f);
                if (rows > 2) {
                    sprinkle(a, new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1e30f}, random);
                }
                float[] expected = new float[cols + 2];
                float[] actual = new float[cols + 2];
                scalar.columnSums(a, 7, ld, rows, cols, expected, 2);
                vector.columnSums(a, 7, ld, rows, cols, actual, 2);
                assertClose(expected, actual, Tolerance.EXACT, i -> "column", rows + "x" + cols + " (ld " + ld + ")");
            }
        }
    }
}
