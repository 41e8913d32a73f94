package dev.nabla.kernels;

import static dev.nabla.kernels.VectorKernelsTest.assertClose;
import static dev.nabla.kernels.VectorKernelsTest.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.VectorKernelsTest.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#layerNormForward} and {@link Kernels#layerNormBackward}: the vector twin
 * against the scalar one ({@link LayerNormRows}) on row lengths around every lane boundary,
 * with and without weight and bias, and a row's result independent of the range it is in.
 */
class LayerNormKernelsTest {
    private static final int[] WIDTHS = {1, 3, 8, 15, 16, 17, 31, 64, 65, 100, 128};
    private static final Tolerance CLOSE = new Tolerance(2e-5, 2e-6);

    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();

    @Test
    void vectorRowsMatchTheScalarRowsForwardAndBackward() {
        Random random = new Random(11);
        int rows = 5;
        for (int d : WIDTHS) {
            for (boolean affine : new boolean[] {true, false}) {
                float[] x = uniform(random, 3 + rows * d, -3f, 5f);
                float[] w = affine ? uniform(random, 2 + d, 0.5f, 1.5f) : null;
                float[] b = affine ? uniform(random, 1 + d, -1f, 1f) : null;
                float[][] normalized = new float[2][rows * d];
                float[][] rstd = new float[2][rows];
                float[][] y = affine ? new float[][] {new float[rows * d], new float[rows * d]} : normalized;
                Kernels[] twins = {scalar, vector};
                for (int t = 0; t < 2; t++) {
                    twins[t].layerNormForward(x, 3, 0, rows, d, 1e-5f, w, 2, b, 1, normalized[t], rstd[t], y[t]);
                }
                String what = "d=" + d + (affine ? " affine" : "");
                assertClose(normalized[0], normalized[1], CLOSE, i -> "row " + i / d, what + " normalized");
                assertClose(rstd[0], rstd[1], CLOSE, i -> "row " + i, what + " rstd");
                assertClose(y[0], y[1], CLOSE, i -> "row " + i / d, what + " output");

                float[] g = uniform(random, 4 + rows * d, -1f, 1f);
                float[][] dx = new float[2][rows * d];
                float[][] dw = new float[2][d];
                float[][] db = new float[2][d];
                for (int t = 0; t < 2; t++) {
                    twins[t].layerNormBackward(g, 4, normalized[0], rstd[0], 0, rows, d, w, 2, dx[t], dw[t], db[t],
                            new float[d]);
                }
                assertClose(dx[0], dx[1], new Tolerance(1e-4, 2e-5), i -> "row " + i / d, what + " input gradient");
                assertClose(dw[0], dw[1], CLOSE, i -> "column " + i, what + " weight gradient");
                assertClose(db[0], db[1], CLOSE, i -> "column " + i, what + " bias gradient");
            }
        }
    }

    @Test
    void aRowComesOutTheSameWhicheverRangeItIsIn() {
        Random random = new Random(12);
        int d = 40;
        float[] x = uniform(random, 6 * d, -2f, 2f);
        float[] whole = new float[6 * d];
        float[] wholeRstd = new float[6];
        vector.layerNormForward(x, 0, 0, 6, d, 1e-5f, null, 0, null, 0, whole, wholeRstd, whole);
        float[] split = new float[6 * d];
        float[] splitRstd = new float[6];
        vector.layerNormForward(x, 0, 0, 2, d, 1e-5f, null, 0, null, 0, split, splitRstd, split);
        vector.layerNormForward(x, 0, 2, 6, d, 1e-5f, null, 0, null, 0, split, splitRstd, split);
        assertArrayEquals(whole, split);
        assertArrayEquals(wholeRstd, splitRstd);
        float mean = 0f;
        for (int j = 0; j < d; j++) {
            mean += whole[j];
        }
        assertEquals(0f, mean / d, 1e-6f, "a normalised row has mean 0");
    }
}
