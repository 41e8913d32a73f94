package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vectorised cells against the scalar definition, on sizes that straddle every lane boundary:
 * the forward steps bit for bit (the activations are exact-operation twins, {@link Activations}).
 */
class RecurrentCellsTest {

    private static final int[] SIZES = {1, 3, 7, 15, 16, 17, 31, 33, 63, 65, 130};
    private final RecurrentCells scalar = new RecurrentCells(new ScalarKernels());
    private final RecurrentCells vector = RecurrentCells.of(new VectorKernels());

    private static float[] random(long seed, int n) {
        Random random = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * 2);
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-6f + 1e-5f * Math.abs(expected[i]),
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void theVectorCellsAreTheVectorOnes() {
        assertEquals("VectorRecurrentCells", vector.getClass().getSimpleName());
    }

    @Test
    void lstmStepsAgree() {
        for (int h : SIZES) {
            float[][] one = {random(1, 4 * h), random(2, h), new float[h], new float[h], new float[h]};
            float[][] two = {one[0].clone(), one[1].clone(), new float[h], new float[h], new float[h]};
            scalar.lstm(h, one[0], 0, one[1], 0, one[2], 0, one[3], 0, one[4], 0);
            vector.lstm(h, two[0], 0, two[1], 0, two[2], 0, two[3], 0, two[4], 0);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], two[i], "lstm forward h=" + h + " array " + i);
            }
            float[] dh = random(3, h);
            float[] dcScalar = random(4, h);
            float[] dcVector = dcScalar.clone();
            float[] dgScalar = new float[4 * h];
            float[] dgVector = new float[4 * h];
            scalar.lstmBackward(h, one[0], 0, one[1], 0, one[3], 0, dh, 0, dcScalar, 0, dgScalar, 0);
            vector.lstmBackward(h, two[0], 0, two[1], 0, two[3], 0, dh, 0, dcVector, 0, dgVector, 0);
            assertClose(dgScalar, dgVector, "lstm backward gates h=" + h);
            assertClose(dcScalar, dcVector, "lstm backward cell h=" + h);
        }
    }

    @Test
    void packedProductsAgreeBitwiseAndFollowTheDefinition() {
        int[] depths = {1, 5, 17, 40};
        for (int width : SIZES) {
            for (int depth : depths) {
                for (int rows : new int[] {1, 3, 8, 9, 17}) {
                    for (boolean transposed : new boolean[] {false, true}) {
                        checkProduct(rows, depth, width, transposed, width % 2 == 0, rows % 2 == 1);
                    }
                }
            }
        }
    }

    private void checkProduct(int rows, int depth, int width, boolean transposed, boolean withBias,
            boolean accumulate) {
        String what = "rows=" + rows + " depth=" + depth + " width=" + width + " transposed=" + transposed;
        int ld = (transposed ? depth : width) + 2;
        float[] w = random(8, (transposed ? width : depth) * ld + 1);
        float[] a = random(9, rows * (depth + 3));
        float[] bias = withBias ? random(10, width + 1) : null;
        float[] expected = random(11, rows * (width + 1));
        float[] actual = expected.clone();
        float[] start = expected.clone();
        float[] packedScalar = new float[scalar.packedSize(depth, width)];
        float[] packedVector = new float[vector.packedSize(depth, width)];
        scalar.pack(w, 1, ld, transposed, depth, width, packedScalar);
        vector.pack(w, 1, ld, transposed, depth, width, packedVector);
        scalar.productRows(rows, depth, width, a, 2, depth + 3, packedScalar, bias, 1, accumulate, expected, 1,
                width + 1);
        vector.productRows(rows, depth, width, a, 2, depth + 3, packedVector, bias, 1, accumulate, actual, 1,
                width + 1);
        assertArrayEquals(expected, actual, what);
        int r = rows - 1;
        int c = width - 1;
        double direct = (accumulate ? start[1 + r * (width + 1) + c] : 0) + (withBias ? bias[1 + c] : 0);
        for (int p = 0; p < depth; p++) {
            direct += (double) a[2 + r * (depth + 3) + p] * w[1 + (transposed ? c * ld + p : p * ld + c)];
        }
        assertEquals(direct, expected[1 + r * (width + 1) + c], 1e-4 * (1 + Math.abs(direct)),
                "the definition: out (+)= bias + a·B, " + what);
        assertEquals(start[0], expected[0], "nothing before the output's offset, " + what);
    }
}
