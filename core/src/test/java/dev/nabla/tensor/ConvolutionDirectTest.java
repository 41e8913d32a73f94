package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

/**
 * {@link ConvolutionDirect}: convolutions read from the phase grid, or with their outputs listed
 * ({@link ConvolutionPositions}, planes of at most 64), equal the definition whatever the batch
 * and the thread count, and a kept packed weight never outlives a write to the weight.
 */
class ConvolutionDirectTest {

    /** The definition, in double: {@code y[n, o, oh, ow] = Σ w[o, c, i, j]·x[n, c, ih, iw]}. */
    private static float[] reference(Tensor input, Tensor weight, ConvolutionOptions options, int outHeight,
                                     int outWidth, int padTop, int padLeft) {
        float[] x = input.toFloatArray();
        float[] w = weight.toFloatArray();
        int batch = input.dim(0);
        int channels = input.dim(1);
        int height = input.dim(2);
        int width = input.dim(3);
        int out = weight.dim(0);
        int kh = weight.dim(2);
        int kw = weight.dim(3);
        float[] y = new float[batch * out * outHeight * outWidth];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                for (int oh = 0; oh < outHeight; oh++) {
                    for (int ow = 0; ow < outWidth; ow++) {
                        double sum = 0;
                        for (int c = 0; c < channels; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = oh * options.strideHeight() - padTop + i * options.dilationHeight();
                                    int iw = ow * options.strideWidth() - padLeft + j * options.dilationWidth();
                                    if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                                        sum += (double) w[((o * channels + c) * kh + i) * kw + j]
                                                * x[((n * channels + c) * height + ih) * width + iw];
                                    }
                                }
                            }
                        }
                        y[((n * out + o) * outHeight + oh) * outWidth + ow] = (float) sum;
                    }
                }
            }
        }
        return y;
    }

    private record Case(int channels, int height, int width, int out, int kernel, ConvolutionOptions options,
                        int padTop, int padLeft) {
    }

    @Test
    void equalsTheDefinitionForEveryBatchAndThreadCount() {
        assertTrue(KernelProvider.get().rowOffsetGemm() != null, "the tests run on the vector kernels");
        Case[] cases = {
            new Case(3, 9, 11, 10, 3, ConvolutionOptions.defaults().padding(1), 1, 1),
            new Case(2, 8, 8, 9, 3, ConvolutionOptions.defaults(), 0, 0),
            new Case(4, 10, 9, 8, 3, ConvolutionOptions.defaults().padding(2).dilation(2), 2, 2),
            new Case(3, 7, 8, 17, 1, ConvolutionOptions.defaults(), 0, 0),
            new Case(2, 8, 8, 5, 4, ConvolutionOptions.defaults().paddingSame(), 1, 1),
            new Case(3, 23, 21, 16, 7, ConvolutionOptions.defaults().stride(2).padding(3), 3, 3),
            new Case(2, 12, 12, 6, 5, ConvolutionOptions.defaults().stride(2).padding(2).dilation(1, 2), 2, 2),
            new Case(5, 13, 13, 40, 3, ConvolutionOptions.defaults().stride(2).padding(1), 1, 1),
            new Case(3, 20, 20, 12, 3, ConvolutionOptions.defaults().padding(1), 1, 1),
        };
        int threads = Parallel.threads();
        Generator generator = new Generator(5);
        try {
            for (Case c : cases) {
                Tensor x = Tensor.uniform(generator, -1f, 1f, 5, c.channels(), c.height(), c.width());
                Tensor w = Tensor.uniform(generator, -0.5f, 0.5f, c.out(), c.channels(), c.kernel(), c.kernel());
                Tensor b = Tensor.uniform(generator, -0.5f, 0.5f, c.out());
                Parallel.setThreads(2);
                Tensor batch = Convolution.conv2d(x, w, b, c.options());
                float[] expected = reference(x, w, c.options(), batch.dim(2), batch.dim(3), c.padTop(), c.padLeft());
                float[] withBias = expected.clone();
                int plane = batch.dim(2) * batch.dim(3);
                float[] bias = b.toFloatArray();
                for (int i = 0; i < withBias.length; i++) {
                    withBias[i] += bias[i / plane % c.out()];
                }
                assertArrayEquals(withBias, batch.toFloatArray(), 1e-4f, c.toString());
                for (int n = 0; n < 5; n++) {
                    Tensor one = x.slice(0, n, n + 1).contiguous();
                    for (int t : new int[] {1, 2}) {
                        Parallel.setThreads(t);
                        assertArrayEquals(batch.slice(0, n, n + 1).toFloatArray(),
                                Convolution.conv2d(one, w, b, c.options()).toFloatArray(),
                                c + ": image " + n + " alone on " + t + " threads, bit for bit");
                    }
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void aKeptPackedWeightFollowsWritesToTheWeight() {
        Generator generator = new Generator(6);
        Tensor x = Tensor.uniform(generator, -1f, 1f, 1, 2, 6, 6);
        Tensor w = Tensor.uniform(generator, -1f, 1f, 3, 2, 3, 3);
        ConvolutionOptions options = ConvolutionOptions.defaults().padding(1);
        try (NoGrad ignored = NoGrad.enter()) {
            float[] before = Convolution.conv2d(x, w, null, options).toFloatArray();
            assertArrayEquals(before, Convolution.conv2d(x, w, null, options).toFloatArray(), "kept and reused");
            w.slice(0, 1, 2).assign(Tensor.full(2f, 1, 2, 3, 3));
            float[] after = Convolution.conv2d(x, w, null, options).toFloatArray();
            assertArrayEquals(reference(x, w, options, 6, 6, 1, 1), after, 1e-5f, "after a write");
            assertEquals(false, java.util.Arrays.equals(before, after), "the write changed the output");
        }
    }
}
