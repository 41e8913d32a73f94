package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * Transposed 2-d convolution, the adjoint of {@link Conv2d}, used to upsample (PyTorch
 * {@code nn.ConvTranspose2d}, Keras {@code Conv2DTranspose}): {@code [N, C_in, H, W] →
 * [N, C_out, H_out, W_out]} with {@code H_out = (H−1)·stride − 2·padding + dilation·(k−1)
 * + outputPadding + 1}; weight {@code [C_in, C_out/groups, kH, kW]}.
 */
public class ConvTranspose2d extends ConvolutionLayer {

    /** A lazily sized transposed convolution. */
    public ConvTranspose2d(int outChannels, int kernelSize, ConvolutionOptions options) {
        super(outChannels, new int[] {kernelSize, kernelSize}, options, true, ActivationFunction.LINEAR);
    }

    /** With its input channels given, built at once. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, ConvolutionOptions options) {
        this(outChannels, kernelSize, options);
        build(1, inChannels, kernelSize, kernelSize);
    }

    @Override
    int inputRank() {
        return 4;
    }

    @Override
    Shape weightShape(int in) {
        return Shape.of(in, outChannels / options.groups(), kernel[0], kernel[1]);
    }

    @Override
    Tensor convolve(Tensor input, Tensor w, Tensor b) {
        return Convolution.convTranspose2d(input, w, b, options);
    }
}
