package dev.nabla.kernels;

import static dev.nabla.kernels.IndexingKernelsTest.assertBitwise;
import static dev.nabla.kernels.VectorKernelsTest.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Kernels#addRowBias}: vector against scalar twin, bit for bit, with strides and a shared bias. */
class RowBiasKernelTest {
    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    @Test
    void addsOneValuePerRowAsTheScalarDefinitionDoes() {
        Random random = new Random(4);
        for (int columns : new int[] {1, 3, 15, 16, 17, 49, 196, 785}) {
            for (int biasStride : new int[] {0, 1}) {
                int rows = 5;
                int inStride = columns + 7;
                int outStride = columns + 2;
                float[] in = uniform(random, 3 + rows * inStride, -2f, 2f);
                float[] bias = uniform(random, 2 + rows, -1f, 1f);
                bias[3] = Float.NaN;
                float[] expected = uniform(random, 1 + rows * outStride, -1f, 1f);
                float[] actual = expected.clone();
                scalar.addRowBias(in, 3, inStride, bias, 1, biasStride, expected, 1, outStride, rows, columns);
                vector.addRowBias(in, 3, inStride, bias, 1, biasStride, actual, 1, outStride, rows, columns);
                assertBitwise(expected, actual, "columns " + columns + ", bias stride " + biasStride);
            }
        }
    }

    @Test
    void addsInPlace() {
        float[] y = {1f, 2f, 3f, 4f, 5f, 6f};
        float[] expected = {11f, 12f, 13f, 24f, 25f, 26f};
        vector.addRowBias(y, 0, 3, new float[] {10f, 20f}, 0, 1, y, 0, 3, 2, 3);
        assertBitwise(expected, y, "in place");
    }

    @Test
    void scalesShiftsAddsAndActivatesAsTheScalarDefinitionDoes() {
        Random random = new Random(5);
        for (int columns : new int[] {1, 3, 15, 16, 17, 49, 196, 785}) {
            for (boolean withResidual : new boolean[] {false, true}) {
                for (UnaryOp op : new UnaryOp[] {null, UnaryOp.RELU}) {
                    int rows = 5;
                    int inStride = columns + 7;
                    int outStride = columns + 2;
                    int residualStride = columns + 4;
                    float[] in = uniform(random, 3 + rows * inStride, -2f, 2f);
                    float[] scale = uniform(random, 2 + rows, -1.5f, 1.5f);
                    float[] shift = uniform(random, 2 + rows, -1f, 1f);
                    shift[3] = Float.NaN;
                    float[] residual = withResidual ? uniform(random, 4 + rows * residualStride, -1f, 1f) : null;
                    float[] expected = uniform(random, 1 + rows * outStride, -1f, 1f);
                    float[] actual = expected.clone();
                    scalar.scaleShiftRows(in, 3, inStride, scale, shift, 1, 1, residual, 4, residualStride, op, 0f,
                            expected, 1, outStride, rows, columns);
                    vector.scaleShiftRows(in, 3, inStride, scale, shift, 1, 1, residual, 4, residualStride, op, 0f,
                            actual, 1, outStride, rows, columns);
                    String where = "columns " + columns + ", residual " + withResidual + ", " + op;
                    assertBitwise(expected, actual, where);
                    float r = withResidual ? residual[4 + residualStride] : 0f;
                    float value = Math.fma(in[3 + inStride], scale[2], shift[2]) + r;
                    org.junit.jupiter.api.Assertions.assertEquals(op == null ? value : Math.max(value, 0f),
                            expected[1 + outStride], 0f, where);
                }
            }
        }
    }
}
