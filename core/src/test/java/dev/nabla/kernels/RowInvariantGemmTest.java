package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernels#ROW_INVARIANT_ROWS}: a product {@code A·Bᵀ} of up to that many rows gives each
 * row bit for bit what the product of that row alone gives, in float32 and with half-precision
 * weights, on the vector kernels and the scalar definition, for depths with and without a
 * ragged vector tail.
 */
class RowInvariantGemmTest {

    static final int[] COLUMNS = {1, 3, 4, 10, 33, 128};
    static final int[] DEPTHS = {1, 7, 17, 100, 1600};

    @Test
    void eachRowIsSummedAsWhenItIsAlone() {
        Random random = new Random(19);
        for (Kernels kernels : new Kernels[] {new VectorKernels(), new ScalarKernels()}) {
            for (int n : COLUMNS) {
                for (int k : DEPTHS) {
                    float[] b = values(random, n * k);
                    short[] bHalf = new short[b.length];
                    kernels.floatToHalf(HalfPrecision.BFLOAT16, b, 0, bHalf, 0, b.length);
                    for (int m = 2; m <= Kernels.ROW_INVARIANT_ROWS; m++) {
                        float[] a = values(random, m * k);
                        float[] all = new float[m * n];
                        float[] allHalf = new float[m * n];
                        kernels.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, all, 0, n);
                        kernels.gemm(HalfPrecision.BFLOAT16, false, true, m, n, k, 1f, a, 0, k, bHalf, 0, k, 0f,
                                allHalf, 0, n);
                        for (int i = 0; i < m; i++) {
                            float[] alone = new float[n];
                            float[] aloneHalf = new float[n];
                            kernels.gemm(false, true, 1, n, k, 1f, a, i * k, k, b, 0, k, 0f, alone, 0, n);
                            kernels.gemm(HalfPrecision.BFLOAT16, false, true, 1, n, k, 1f, a, i * k, k, bHalf, 0, k,
                                    0f, aloneHalf, 0, n);
                            String where = kernels.getClass().getSimpleName() + " row " + i + " of " + m + " x " + n
                                    + " x " + k;
                            assertArrayEquals(alone, Arrays.copyOfRange(all, i * n, (i + 1) * n), 0f, where);
                            assertArrayEquals(aloneHalf, Arrays.copyOfRange(allHalf, i * n, (i + 1) * n), 0f,
                                    where + " (bfloat16 weights)");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theVectorKernelsTakeInnerProductsForThatManyRows() {
        assertTrue(VectorInnerProducts.pays(Kernels.ROW_INVARIANT_ROWS, 1 << 20));
        assertTrue(Kernels.ROW_INVARIANT_ROWS % VectorInnerProducts.ROWS == 0,
                "a group fills whole blocks of " + VectorInnerProducts.ROWS + " rows");
    }

    private static float[] values(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }
}
