package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised cells against the scalar definition, on sizes that straddle every lane boundary. */
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
                assertClose(one[i], two[i], "lstm forward h=" + h + " array " + i);
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
    void rowTimesMatrixAgreesAndAccumulates() {
        for (int width : SIZES) {
            for (int rows = 1; rows <= 5; rows++) {
                int depth = 9;
                float[] x = random(5, rows * (depth + 2));
                float[] m = random(6, depth * width);
                float[] expected = random(7, rows * width);
                float[] actual = expected.clone();
                float[] start = expected.clone();
                scalar.rowTimesMatrix(rows, depth, width, x, 1, depth + 2, m, 0, expected, 0);
                vector.rowTimesMatrix(rows, depth, width, x, 1, depth + 2, m, 0, actual, 0);
                assertClose(expected, actual, "rows=" + rows + " width=" + width);
                float direct = start[width - 1];
                for (int j = 0; j < depth; j++) {
                    direct += x[1 + j] * m[j * width + width - 1];
                }
                assertEquals(direct, expected[width - 1], 1e-4f, "the definition: out += x·m");
            }
        }
    }
}
