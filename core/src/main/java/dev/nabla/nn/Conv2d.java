package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * 2-d convolution (PyTorch {@code nn.Conv2d}, Keras {@code Conv2D} with channels first):
 * {@code [N, C_in, H, W] → [N, C_out, H_out, W_out]}, weight {@code [C_out, C_in/groups, kH, kW]}.
 * Stride, padding (or "same"), dilation and groups come in {@link ConvolutionOptions}.
 */
public class Conv2d extends ConvolutionLayer {

    /** {@code outChannels} filters of kernelSize × kernelSize; input channels from the first input. */
    public Conv2d(int outChannels, int kernelSize) {
        this(outChannels, kernelSize, ConvolutionOptions.defaults());
    }

    /** A lazily sized convolution with the given options. */
    public Conv2d(int outChannels, int kernelSize, ConvolutionOptions options) {
        this(outChannels, new int[] {kernelSize, kernelSize}, options, true);
    }

    /** The general form: kernel (height, width), options, with or without bias. */
    public Conv2d(int outChannels, int[] kernel, ConvolutionOptions options, boolean useBias) {
        this(outChannels, kernel, options, useBias, ActivationFunction.LINEAR);
    }

    /**
     * The general form with an activation (Keras's {@code Conv2D(filters, kernel_size,
     * activation="relu")}): {@code new Conv2d(32, new int[] {3, 3}, options, true,
     * ActivationFunction.RELU)} computes what the convolution followed by {@link Relu} does, in
     * one op.
     */
    public Conv2d(int outChannels, int[] kernel, ConvolutionOptions options, boolean useBias,
                  ActivationFunction activation) {
        super(outChannels, kernel, options, useBias, activation);
        if (kernel.length != 2) {
            throw new IllegalArgumentException("Conv2d: kernel needs (height, width), got " + kernel.length + " sizes");
        }
    }

    /**
     * PyTorch's {@code nn.Conv2d(in_channels, out_channels, kernel_size)}: the input channels come
     * first and the layer is built at once, so its weights exist before the first input. The
     * Keras-shaped {@code new Conv2d(outChannels, kernelSize)} takes them from the data instead.
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, ConvolutionOptions.defaults());
    }

    /** A convolution with its input channels given, built at once (PyTorch's {@code nn.Conv2d(in, out, k, ...)}). */
    public Conv2d(int inChannels, int outChannels, int kernelSize, ConvolutionOptions options) {
        this(inChannels, outChannels, kernelSize, options, ActivationFunction.LINEAR);
    }

    /** A convolution with its input channels given, built at once, with an activation. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, ConvolutionOptions options,
                  ActivationFunction activation) {
        this(outChannels, new int[] {kernelSize, kernelSize}, options, true, activation);
        build(1, inChannels, kernelSize, kernelSize);
    }

    @Override
    int inputRank() {
        return 4;
    }

    @Override
    Shape weightShape(int in) {
        return Shape.of(outChannels, in / options.groups(), kernel[0], kernel[1]);
    }

    @Override
    Tensor convolve(Tensor input, Tensor w, Tensor b) {
        return Convolution.conv2d(input, w, b, options, activation);
    }
}
