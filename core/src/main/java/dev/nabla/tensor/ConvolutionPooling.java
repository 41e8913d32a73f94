package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.PoolingGeometry;
import dev.nabla.kernels.UnaryOp;

/**
 * A convolution, its activation and a 2 × 2 max pooling every 2 positions in one pass, for
 * inference ({@link Convolution#conv2dMaxPooled}): each image's product is biased and activated
 * a few channels at a time into a small per-thread buffer, by the same kernels as
 * {@link Convolution#conv2d}'s epilogue, and pooled from there into the output. The full-size
 * activation is never allocated, written to fresh memory and read back by a pooling pass of its
 * own; the values are those of {@code maxPool2d(conv2d(...), 2)} bit for bit (the activation
 * kernel's vector lanes and scalar tail split differently, so a NaN's sign may differ).
 */
final class ConvolutionPooling {
    /** Floats of activations pooled at a time: a few channels, so that they stay in the first-level cache. */
    static final int BLOCK = 4096;

    private ConvolutionPooling() {
    }

    static Tensor conv2dMaxPooled(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options,
                                  ActivationFunction activation) {
        String op = "conv2dMaxPooled";
        if (NoGrad.isGradEnabled() && (input.requiresGrad() || weight.requiresGrad()
                || bias != null && bias.requiresGrad())) {
            throw new IllegalStateException(op + ": records no gradient, but an input requires grad; call it inside"
                    + " NoGrad.enter() or use conv2d and maxPool2d");
        }
        ConvolutionGeometry g = ConvolutionGeometry.forward(op, input, weight, bias, options, 2);
        Kernels kernels = KernelProvider.get();
        Tensor w = weight.contiguousData();
        if (Autocast.casts(input, weight, bias) || input.rank() != 4 || g.outHeight() < 2 || g.outWidth() < 2
                || !ConvolutionDirect.applies(g, w, kernels)) {
            return Pooling.maxPool2d(Convolution.conv2d(input, weight, bias, options, activation), 2);
        }
        int height = g.outHeight() / 2;
        int width = g.outWidth() / 2;
        Shape shape = ConvolutionGeometry.resize(input, 2, g.outChannels(), height, width);
        float[] y = new float[shape.size()];
        PoolingGeometry pooling = PoolingWindows.halvingGeometry(g.outHeight(), g.outWidth());
        float[] b = bias == null ? ConvolutionGemm.NO_BIAS : Layout.toArray(bias);
        int step = bias == null ? 0 : 1;
        UnaryOp function = activation.op();
        float param = activation.parameter();
        int plane = g.outPlane();
        int channels = Math.max(1, BLOCK / plane);
        // Room past the last channel for the pooling kernel's whole-vector loads.
        int room = 2 * plane + 64;
        ConvolutionDirect.products(input.floatData(), w, g, (product, start, ld, phaseWidth, n, from, to) -> {
            float[] activated = ConvolutionWorkspace.get().activations(Math.min(channels, to - from) * plane + room);
            for (int first = from; first < to; first += channels) {
                int end = Math.min(to, first + channels);
                for (int c = first; c < end; c++) {
                    kernels.addRowBias(product, start + c * ld, phaseWidth, b, c * step, 0, activated,
                            (c - first) * plane, g.outWidth(), g.outHeight(), g.outWidth());
                }
                if (function != null) {
                    kernels.unary(function, param, activated, 0, activated, 0, (end - first) * plane);
                }
                // Planes [n·C + first, n·C + end) of the output; the input planes start at 0 of the buffer.
                int firstPlane = n * g.outChannels() + first;
                kernels.maxPoolHalving(pooling, activated, -firstPlane * plane, firstPlane,
                        n * g.outChannels() + end, y, null);
            }
        });
        return Tensor.wrap(y, shape, DType.promote(input, weight, bias));
    }
}
