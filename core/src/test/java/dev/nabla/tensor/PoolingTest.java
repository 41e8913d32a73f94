package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PoolingTest {

    // ---------------------------------------------------------------- against PyTorch

    @Test
    void maxPoolingMatchesPyTorch() {
        matchesPyTorch("max_pool2d_kernel2", x -> Pooling.maxPool2d(x, 2));
        matchesPyTorch("max_pool2d_kernel3_stride2_padding1", x -> Pooling.maxPool2d(x, 3, 2, 1));
        matchesPyTorch("max_pool2d_rectangular",
                x -> Pooling.maxPool2d(x, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}));
        matchesPyTorch("max_pool1d_kernel3_stride2_padding1", x -> Pooling.maxPool1d(x, 3, 2, 1));
    }

    @Test
    void averagePoolingMatchesPyTorch() {
        matchesPyTorch("avg_pool2d_kernel3_stride2_padding1", x -> Pooling.avgPool2d(x, 3, 2, 1));
        matchesPyTorch("avg_pool2d_rectangular",
                x -> Pooling.avgPool2d(x, new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1}));
        matchesPyTorch("avg_pool1d_kernel4_stride3_padding2", x -> Pooling.avgPool1d(x, 4, 3, 2));
    }

    @Test
    void adaptiveAveragePoolingMatchesPyTorch() {
        matchesPyTorch("adaptive_avg_pool2d_5x7_to_3x4", x -> Pooling.adaptiveAvgPool2d(x, 3, 4));
        matchesPyTorch("adaptive_avg_pool2d_3x2_to_4x5", x -> Pooling.adaptiveAvgPool2d(x, 4, 5));
        matchesPyTorch("adaptive_avg_pool2d_global", x -> Pooling.adaptiveAvgPool2d(x, 1));
    }

    private static void matchesPyTorch(String name, UnaryOperator<Tensor> pool) {
        TorchFixture f = TorchFixture.load("pooling", name);
        Tensor x = f.leaf("input");
        Tensor y = pool.apply(x);
        f.assertForward("output", y);
        y.backward(f.tensor("grad_output"));
        f.assertGradient("grad_input", x.grad());
    }

    // ---------------------------------------------------------------- gradient checks

    @Test
    void maxPoolingGradients() {
        GradCheck.assertGradients(in -> Pooling.maxPool2d(in[0], 3, 2, 1), distinct(1, 2, 2, 5, 6));
        GradCheck.assertGradients(in -> Pooling.maxPool2d(in[0], new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 1}),
                distinct(2, 1, 2, 4, 5));
        GradCheck.assertGradients(in -> Pooling.maxPool1d(in[0], 2, 1, 1), distinct(3, 2, 2, 5));
        // 2 × 2 windows with stride 2 have a loop of their own; odd sizes drop the last row and column.
        GradCheck.assertGradients(in -> Pooling.maxPool2d(in[0], 2), distinct(4, 2, 3, 5, 7));
    }

    @Test
    void twoByTwoMaxPoolingMatchesTheDefinitionWithTiesAndNaN() {
        Generator generator = new Generator(12);
        float[] values = Tensor.randint(generator, -3, 3, 3, 2, 7, 9).toFloatArray();
        values[5] = Float.NaN;
        values[9 + 5] = Float.NaN;
        values[40] = Float.NaN;
        Tensor x = Tensor.of(values, 3, 2, 7, 9).requiresGrad(true);
        Tensor y = Pooling.maxPool2d(x, 2);
        y.sum().backward();
        float[] expected = new float[3 * 2 * 3 * 4];
        float[] expectedGradient = new float[values.length];
        for (int p = 0, o = 0; p < 6; p++) {
            for (int oh = 0; oh < 3; oh++) {
                for (int ow = 0; ow < 4; ow++, o++) {
                    float max = Float.NEGATIVE_INFINITY;
                    int best = -1;
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            int at = p * 63 + (2 * oh + i) * 9 + 2 * ow + j;
                            if (best < 0 || values[at] > max || Float.isNaN(values[at])) {
                                max = values[at];
                                best = at;
                            }
                        }
                    }
                    expected[o] = max;
                    expectedGradient[best] += 1f;
                }
            }
        }
        assertArrayEquals(expected, y.toFloatArray());
        assertArrayEquals(expectedGradient, x.grad().toFloatArray());
    }

    @Test
    void averagePoolingGradients() {
        GradCheck.assertGradients(in -> Pooling.avgPool2d(in[0], 3, 2, 1), leaf(4, 2, 2, 5, 6));
        GradCheck.assertGradients(in -> Pooling.avgPool2d(in[0], new int[] {2, 3}, new int[] {2, 1}, new int[] {0, 1}),
                leaf(5, 1, 2, 5, 4));
        GradCheck.assertGradients(in -> Pooling.avgPool1d(in[0], 3, 2, 1), leaf(6, 2, 2, 7));
        GradCheck.assertGradients(in -> Pooling.adaptiveAvgPool2d(in[0], 3, 4), leaf(7, 2, 2, 5, 7));
        GradCheck.assertGradients(in -> Pooling.adaptiveAvgPool2d(in[0], 4, 3), leaf(8, 1, 2, 3, 2));
    }

    /** Distinct values at least 0.05 apart, so no finite-difference nudge changes which element wins. */
    private static Tensor distinct(long seed, int... shape) {
        float[] values = Tensor.permutation(new Generator(seed), Shape.of(shape).size()).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] *= 0.05f;
        }
        return Tensor.of(values, shape).requiresGrad(true);
    }

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape).requiresGrad(true);
    }

    // ---------------------------------------------------------------- behaviour

    @Test
    void maxPoolingGivesATiedGradientToTheFirstLargest() {
        Tensor x = Tensor.ones(1, 1, 2, 4).requiresGrad(true);
        Pooling.maxPool2d(x, 2).sum().backward();
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 0, 0}, x.grad().toFloatArray());
    }

    @Test
    void maxPoolingPropagatesNaNAndIgnoresPadding() {
        Tensor x = Tensor.of(new float[] {-5, Float.NaN, -7, -3}, 1, 1, 4);
        assertArrayEquals(new float[] {-5, Float.NaN, -3}, Pooling.maxPool1d(x, 2, 2, 1).toFloatArray());
    }

    @Test
    void averagePoolingCountsPaddingInTheDivisor() {
        Tensor x = Tensor.of(new float[] {3, 6, 9}, 1, 1, 3);
        assertArrayEquals(new float[] {3, 5}, Pooling.avgPool1d(x, 3, 2, 1).toFloatArray());
    }

    @Test
    void globalPoolingIsAMean() {
        Tensor x = Tensor.randn(new Generator(9), 2, 3, 4, 5);
        assertTrue(Pooling.adaptiveAvgPool2d(x, 1).allClose(x.mean(new int[] {2, 3}, true), 1e-6f, 1e-6f));
    }

    @Test
    void inputsWithoutBatchKeepTheirRank() {
        Tensor x = Tensor.randn(new Generator(10), 3, 6, 6);
        assertEquals(Shape.of(3, 3, 3), Pooling.maxPool2d(x, 2).shape());
        assertEquals(Shape.of(3, 2, 2), Pooling.adaptiveAvgPool2d(x, 2).shape());
        assertArrayEquals(Pooling.avgPool2d(x.unsqueeze(0), 3, 1, 1).toFloatArray(),
                Pooling.avgPool2d(x, 3, 1, 1).toFloatArray());
    }

    @Test
    void nonContiguousInputsGiveTheSameResult() {
        Tensor x = Tensor.randn(new Generator(11), 2, 3, 5, 6);
        Tensor view = x.transpose(2, 3).contiguous().transpose(2, 3);
        assertArrayEquals(Pooling.maxPool2d(x, 3, 2, 1).toFloatArray(), Pooling.maxPool2d(view, 3, 2, 1).toFloatArray());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void badArgumentsAreRejected() {
        Tensor x = Tensor.zeros(1, 2, 4, 4);
        assertMessage("maxPool2d: padding (2, 2) must be at most half the kernel size (3, 3)",
                () -> Pooling.maxPool2d(x, 3, 1, 2));
        assertMessage("avgPool2d: input [1, 2, 4, 4] is too small for kernel size (5, 5) with padding (0, 0):"
                + " the output size would be (0, 0)", () -> Pooling.avgPool2d(x, 5));
        assertMessage("maxPool1d: input [1, 2, 4, 4] must be [batch, channels, length] or [channels, length]",
                () -> Pooling.maxPool1d(x, 2));
        assertMessage("maxPool2d: input [4] must be [batch, channels, height, width] or [channels, height, width]",
                () -> Pooling.maxPool2d(Tensor.zeros(4), 2));
        assertMessage("avgPool1d: kernel size 0 and stride 0 must be at least 1 and padding 0 at least 0",
                () -> Pooling.avgPool1d(Tensor.zeros(1, 2, 4), 0));
        assertMessage("maxPool2d: stride must be a (height, width) pair, got [2]",
                () -> Pooling.maxPool2d(x, new int[] {2, 2}, new int[] {2}, new int[] {0, 0}));
        assertMessage("adaptiveAvgPool2d: output size (0, 2) must be at least 1",
                () -> Pooling.adaptiveAvgPool2d(x, 0, 2));
    }

    private static void assertMessage(String expected, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
