package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * 1-d convolution over sequences (PyTorch {@code nn.Conv1d}, Keras {@code Conv1D} with
 * channels first): {@code [N, C_in, L] → [N, C_out, L_out]}, weight {@code [C_out, C_in/groups, k]}.
 */
public class Conv1d extends ConvolutionLayer {

    /** {@code outChannels} filters of width kernelSize; input channels from the first input. */
    public Conv1d(int outChannels, int kernelSize) {
        this(outChannels, kernelSize, ConvolutionOptions.defaults(), true);
    }

    /** The general form, with or without bias. */
    public Conv1d(int outChannels, int kernelSize, ConvolutionOptions options, boolean useBias) {
        this(outChannels, kernelSize, options, useBias, ActivationFunction.LINEAR);
    }

    /** The general form with an activation (Keras's {@code Conv1D(filters, kernel_size, activation="relu")}). */
    public Conv1d(int outChannels, int kernelSize, ConvolutionOptions options, boolean useBias,
                  ActivationFunction activation) {
        super(outChannels, new int[] {kernelSize}, options, useBias, activation);
    }

    /**
     * PyTorch's {@code nn.Conv1d(in_channels, out_channels, kernel_size)}: the input channels come
     * first and the layer is built at once. The Keras-shaped {@code new Conv1d(outChannels,
     * kernelSize)} takes them from the data instead.
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, ConvolutionOptions.defaults());
    }

    /** A convolution with its input channels given, built at once (PyTorch's {@code nn.Conv1d(in, out, k, ...)}). */
    public Conv1d(int inChannels, int outChannels, int kernelSize, ConvolutionOptions options) {
        this(outChannels, kernelSize, options, true);
        build(1, inChannels, kernelSize);
    }

    @Override
    int inputRank() {
        return 3;
    }

    @Override
    Shape weightShape(int in) {
        return Shape.of(outChannels, in / options.groups(), kernel[0]);
    }

    @Override
    Tensor convolve(Tensor input, Tensor w, Tensor b) {
        return Convolution.conv1d(input, w, b, options, activation);
    }
}
