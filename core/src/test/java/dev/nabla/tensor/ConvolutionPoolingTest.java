package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

/**
 * {@link Convolution#conv2dMaxPooled}: bit for bit {@code maxPool2d(conv2d(...), 2)}, for every
 * geometry (the fused path and the fallback), activation, batch and thread count, NaN and
 * signed zeros included (a NaN's sign aside).
 */
class ConvolutionPoolingTest {

    /** (channels, height, width, out, kernel, options): the Fashion-MNIST CNN's two, odd sizes, padding, stride 2, dilation. */
    private record Case(int channels, int height, int width, int out, int kernel, ConvolutionOptions options) {
    }

    private static final Case[] CASES = {
        new Case(1, 28, 28, 32, 3, ConvolutionOptions.defaults()),
        new Case(32, 13, 13, 64, 3, ConvolutionOptions.defaults()),
        new Case(3, 9, 14, 5, 3, ConvolutionOptions.defaults().padding(1)),
        new Case(4, 40, 37, 40, 3, ConvolutionOptions.defaults()),
        new Case(2, 19, 19, 6, 5, ConvolutionOptions.defaults().stride(2).padding(2)),
        new Case(3, 16, 12, 4, 3, ConvolutionOptions.defaults().stride(2)),
        new Case(2, 12, 12, 3, 3, ConvolutionOptions.defaults().dilation(2)),
        new Case(6, 3, 3, 8, 2, ConvolutionOptions.defaults())};

    private static final ActivationFunction[] ACTIVATIONS = {ActivationFunction.RELU, ActivationFunction.LINEAR,
        ActivationFunction.GELU, ActivationFunction.TANH};

    @Test
    void equalsConvolutionThenPoolingBitForBit() {
        int threads = Parallel.threads();
        try {
            int seed = 0;
            for (Case c : CASES) {
                for (int batch : new int[] {1, 5}) {
                    Tensor x = Tensor.randn(new Generator(++seed), batch, c.channels(), c.height(), c.width());
                    float[] values = x.toFloatArray();
                    for (int i = 3; i < values.length; i += 11) {
                        values[i] = i % 3 == 0 ? -0f : i % 3 == 1 ? 0f : values[i] * 1e-30f;
                    }
                    values[values.length / 2] = Float.NaN;
                    x = Tensor.of(values, x.shape().toArray());
                    Tensor w = Tensor.randn(new Generator(++seed), c.out(), c.channels(), c.kernel(), c.kernel());
                    Tensor b = seed % 4 == 0 ? null : Tensor.randn(new Generator(++seed), c.out());
                    for (ActivationFunction activation : ACTIVATIONS) {
                        for (int t : new int[] {1, 2}) {
                            Parallel.setThreads(t);
                            try (NoGrad ignored = NoGrad.enter()) {
                                Tensor expected = Pooling.maxPool2d(
                                        Convolution.conv2d(x, w, b, c.options(), activation), 2);
                                Tensor actual = Convolution.conv2dMaxPooled(x, w, b, c.options(), activation);
                                String where = c + " batch " + batch + " " + activation + " threads " + t;
                                assertEquals(expected.shape(), actual.shape(), where);
                                assertBitwise(expected.toFloatArray(), actual.toFloatArray(), where);
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void refusesToRecordAGradient() {
        Tensor x = Tensor.randn(new Generator(1), 1, 1, 6, 6).requiresGrad(true);
        Tensor w = Tensor.randn(new Generator(2), 2, 1, 3, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Convolution.conv2dMaxPooled(x, w, null, ConvolutionOptions.defaults(), ActivationFunction.RELU));
        assertEquals("conv2dMaxPooled: records no gradient, but an input requires grad; call it inside"
                + " NoGrad.enter() or use conv2d and maxPool2d", e.getMessage());
    }

    /** Bit for bit, every NaN as one (an activation's vector lanes and scalar tail may give NaNs of either sign). */
    static void assertBitwise(float[] expected, float[] actual, String where) {
        int[] e = new int[expected.length];
        int[] a = new int[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Float.floatToIntBits(expected[i]);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.floatToIntBits(actual[i]);
        }
        assertArrayEquals(e, a, where);
    }
}
