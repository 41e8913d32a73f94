package dev.nabla.tensor;

import java.util.Arrays;

/**
 * Max and average pooling over channels-first data, with PyTorch's semantics
 * ({@code torch.nn.functional.max_pool1d}, {@code max_pool2d}, {@code avg_pool1d},
 * {@code avg_pool2d}, {@code adaptive_avg_pool2d}; floor rounding of the output size).
 *
 * <pre>{@code
 * Tensor y = Pooling.maxPool2d(images, 3, 2, 1);         // [n, c, 32, 32] → [n, c, 16, 16]
 * Tensor z = Pooling.adaptiveAvgPool2d(features, 1);     // [n, c, h, w] → [n, c, 1, 1]
 * }</pre>
 *
 * <p>2-d pooling takes {@code [batch, channels, height, width]} or {@code [channels, height, width]},
 * 1-d pooling {@code [batch, channels, length]} or {@code [channels, length]}; every channel is
 * pooled on its own. With kernel k, stride s and padding p a dimension of size n becomes
 * {@code (n + 2p − k) / s + 1} (rounded down); p may be at most k / 2. Max pooling pads with
 * −∞ and its gradient goes to the first largest element of each window; average pooling counts
 * padded zeros in the divisor ({@code count_include_pad=True}). Global pooling needs no op:
 * {@code x.mean(new int[] {2, 3}, true)} or {@code x.max(new int[] {2, 3}, true)}.
 */
public final class Pooling {

    private Pooling() {
    }

    /** {@link #maxPool1d(Tensor, int, int, int)} with stride equal to the kernel size and no padding. */
    public static Tensor maxPool1d(Tensor input, int kernelSize) {
        return maxPool1d(input, kernelSize, kernelSize, 0);
    }

    /** The largest value of each window: {@code [batch, channels, length] → [batch, channels, outLength]}. */
    public static Tensor maxPool1d(Tensor input, int kernelSize, int stride, int padding) {
        PoolingWindows w = PoolingWindows.sliding("maxPool1d", input, 1, new int[] {1, kernelSize},
                new int[] {1, stride}, new int[] {0, padding});
        return max("maxPool1d", input, w, 1);
    }

    /** {@link #maxPool2d(Tensor, int, int, int)} with stride equal to the kernel size and no padding. */
    public static Tensor maxPool2d(Tensor input, int kernelSize) {
        return maxPool2d(input, kernelSize, kernelSize, 0);
    }

    /** The largest value of each square window: {@code [batch, channels, height, width] → [batch, channels, outHeight, outWidth]}. */
    public static Tensor maxPool2d(Tensor input, int kernelSize, int stride, int padding) {
        return maxPool2d(input, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding});
    }

    /** Max pooling with (height, width) pairs for the kernel size, stride and padding. */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        PoolingWindows w = PoolingWindows.sliding("maxPool2d", input, 2, pair("maxPool2d", "kernelSize", kernelSize),
                pair("maxPool2d", "stride", stride), pair("maxPool2d", "padding", padding));
        return max("maxPool2d", input, w, 2);
    }

    /** {@link #avgPool1d(Tensor, int, int, int)} with stride equal to the kernel size and no padding. */
    public static Tensor avgPool1d(Tensor input, int kernelSize) {
        return avgPool1d(input, kernelSize, kernelSize, 0);
    }

    /** The mean of each window, padding counted as zeros: {@code [batch, channels, length] → [batch, channels, outLength]}. */
    public static Tensor avgPool1d(Tensor input, int kernelSize, int stride, int padding) {
        PoolingWindows w = PoolingWindows.sliding("avgPool1d", input, 1, new int[] {1, kernelSize},
                new int[] {1, stride}, new int[] {0, padding});
        return average("avgPool1d", input, w, 1);
    }

    /** {@link #avgPool2d(Tensor, int, int, int)} with stride equal to the kernel size and no padding. */
    public static Tensor avgPool2d(Tensor input, int kernelSize) {
        return avgPool2d(input, kernelSize, kernelSize, 0);
    }

    /** The mean of each square window, padding counted as zeros: {@code [batch, channels, height, width] → [batch, channels, outHeight, outWidth]}. */
    public static Tensor avgPool2d(Tensor input, int kernelSize, int stride, int padding) {
        return avgPool2d(input, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding});
    }

    /** Average pooling with (height, width) pairs for the kernel size, stride and padding. */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        PoolingWindows w = PoolingWindows.sliding("avgPool2d", input, 2, pair("avgPool2d", "kernelSize", kernelSize),
                pair("avgPool2d", "stride", stride), pair("avgPool2d", "padding", padding));
        return average("avgPool2d", input, w, 2);
    }

    /** {@link #adaptiveAvgPool2d(Tensor, int, int)} to a square output. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outputSize) {
        return adaptiveAvgPool2d(input, outputSize, outputSize);
    }

    /**
     * Averages over windows chosen so the output has the requested size, whatever the input's:
     * {@code [batch, channels, height, width] → [batch, channels, outputHeight, outputWidth]}. Output
     * row i averages input rows {@code floor(i·height / outputHeight)} up to (excluding)
     * {@code ceil((i+1)·height / outputHeight)}, likewise the columns, so windows may overlap.
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth) {
        PoolingWindows w = PoolingWindows.adaptive("adaptiveAvgPool2d", input, outputHeight, outputWidth);
        return average("adaptiveAvgPool2d", input, w, 2);
    }

    private static Tensor max(String op, Tensor input, PoolingWindows w, int spatialRank) {
        Shape shape = w.outputShape(input, spatialRank);
        float[] y = new float[shape.size()];
        boolean positions = NoGrad.isGradEnabled() && input.requiresGrad();
        DType dtype = DType.floating(input);
        int[] argmax = positions ? new int[shape.size()] : null;
        if (w.halving()) {
            PoolingLoops.maxHalving(input.floatData(), w, y, argmax);
        } else if (positions || w.equalWindows()) {
            // Equal windows take the positions kernel even in inference (faster there than the separable loop).
            PoolingLoops.max(input.floatData(), w, y, positions ? argmax : new int[shape.size()]);
        } else {
            // Nothing to route a gradient to; windows clipped by padding take the separable loop.
            PoolingLoops.maxValues(input.floatData(), w, y);
        }
        if (!positions) {
            return Tensor.wrap(y, shape, dtype);
        }
        int[] winners = argmax;
        return Autograd.record(op, Tensor.wrap(y, shape, dtype), g -> new Tensor[] {
            Tensor.wrap(PoolingLoops.maxBackward(g.floatData(), winners, w), input.shape(), dtype)}, input);
    }

    private static Tensor average(String op, Tensor input, PoolingWindows w, int spatialRank) {
        float[] y = PoolingLoops.average(input.floatData(), w);
        DType dtype = DType.floating(input);
        return Autograd.record(op, Tensor.wrap(y, w.outputShape(input, spatialRank), dtype), g -> new Tensor[] {
            Tensor.wrap(PoolingLoops.averageBackward(g.floatData(), w), input.shape(), dtype)}, input);
    }

    private static int[] pair(String op, String name, int[] values) {
        if (values == null || values.length != 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be a (height, width) pair, got "
                    + Arrays.toString(values));
        }
        return values.clone();
    }
}
