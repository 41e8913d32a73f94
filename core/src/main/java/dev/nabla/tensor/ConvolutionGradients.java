package dev.nabla.tensor;

/**
 * A convolution's gradients as recorded ops, for gradients of gradients (WGAN-GP's penalty
 * differentiates a critic's input gradient). The three maps of one convolution geometry are
 * each other's adjoints: the forward convolution {@code y = conv(x, w)}, the input gradient
 * {@code gx = inputGradient(gy, w)} (a transposed convolution) and the weight gradient
 * {@code gw = weightGradient(x, gy)}. Each is linear in both operands, so the backward of each
 * is the other two, and gradients of any order stay within these three ops and their fast kernels.
 */
final class ConvolutionGradients {

    private ConvolutionGradients() {
    }

    /**
     * The gradients of {@code activation(conv(input, weight) + bias)} from its output's gradient,
     * as a graph; {@code result} is that op's recorded output.
     */
    static Tensor[] convolution(String op, Tensor gradOutput, boolean[] needed, Tensor input, Tensor weight,
                                Tensor bias, ConvolutionGeometry g, int spatialRank, ActivationFunction activation,
                                Tensor result) {
        Tensor gz = UnaryDerivatives.activationChainRule(activation, result,
                () -> Convolution.convolve(op, input, weight, bias, g, spatialRank, ActivationFunction.LINEAR), gradOutput);
        return new Tensor[] {
            needed[0] ? inputGradient(gz, weight, g, input.shape(), spatialRank) : null,
            needed[1] ? weightGradient(input, gz, g, weight.shape(), spatialRank) : null,
            bias != null && needed[2] ? channelSums(gz, spatialRank) : null};
    }

    /**
     * The gradients of {@code convTranspose2d(input, weight) + bias}, which is the input gradient
     * of the convolution of geometry g, as a graph.
     */
    static Tensor[] transposed(Tensor gradOutput, boolean[] needed, Tensor input, Tensor weight, Tensor bias,
                               ConvolutionGeometry g) {
        return new Tensor[] {
            needed[0] ? Convolution.convolve("conv2d", gradOutput, weight, null, g, 2, ActivationFunction.LINEAR) : null,
            needed[1] ? weightGradient(gradOutput, input, g, weight.shape(), 2) : null,
            bias != null && needed[2] ? channelSums(gradOutput, 2) : null};
    }

    /** {@code [batch, inChannels, ...]}: the input's gradient from the output's gradient, recorded. */
    static Tensor inputGradient(Tensor gradOutput, Tensor weight, ConvolutionGeometry g, Shape inputShape,
                                int spatialRank) {
        float[] values = ConvolutionGemm.inputGradient(gradOutput.floatData(), weight.contiguousData(), g);
        Tensor gx = Tensor.wrap(values, inputShape, DType.promote(gradOutput, weight));
        return Autograd.record("convInputGradient", gx, h -> new Tensor[] {
            gradOutput.requiresGrad() ? Tensor.wrap(ConvolutionGemm.output(h.floatData(), weight.contiguousData(),
                    null, g), gradOutput.shape(), DType.floating(gradOutput)) : null,
            weight.requiresGrad() ? Tensor.wrap(ConvolutionGemm.weightGradient(h.floatData(), gradOutput.floatData(),
                    g), weight.shape(), DType.floating(weight)) : null
        }, (h, needed) -> new Tensor[] {
            needed[0] ? Convolution.convolve(convolutionName(spatialRank), h, weight, null, g, spatialRank,
                    ActivationFunction.LINEAR) : null,
            needed[1] ? weightGradient(h, gradOutput, g, weight.shape(), spatialRank) : null
        }, gradOutput, weight);
    }

    /** {@code [outChannels, inChannels / groups, ...]}: the weight's gradient from the input and the output's gradient, recorded. */
    static Tensor weightGradient(Tensor input, Tensor gradOutput, ConvolutionGeometry g, Shape weightShape,
                                 int spatialRank) {
        float[] values = ConvolutionGemm.weightGradient(input.floatData(), gradOutput.floatData(), g);
        Tensor gw = Tensor.wrap(values, weightShape, DType.promote(input, gradOutput));
        return Autograd.record("convWeightGradient", gw, h -> new Tensor[] {
            input.requiresGrad() ? Tensor.wrap(ConvolutionGemm.inputGradient(gradOutput.floatData(), h.contiguousData(),
                    g), input.shape(), DType.floating(input)) : null,
            gradOutput.requiresGrad() ? Tensor.wrap(ConvolutionGemm.output(input.floatData(), h.contiguousData(), null,
                    g), gradOutput.shape(), DType.floating(gradOutput)) : null
        }, (h, needed) -> new Tensor[] {
            needed[0] ? inputGradient(gradOutput, h, g, input.shape(), spatialRank) : null,
            needed[1] ? Convolution.convolve(convolutionName(spatialRank), input, h, null, g, spatialRank,
                    ActivationFunction.LINEAR) : null
        }, input, gradOutput);
    }

    /** Sums over every axis but the channels (which come before the spatial axes). */
    private static Tensor channelSums(Tensor gradient, int spatialRank) {
        int channelAxis = gradient.rank() - spatialRank - 1;
        int[] axes = new int[gradient.rank() - 1];
        for (int a = 0, n = 0; a < gradient.rank(); a++) {
            if (a != channelAxis) {
                axes[n++] = a;
            }
        }
        return gradient.sum(axes, false);
    }

    private static String convolutionName(int spatialRank) {
        return spatialRank == 1 ? "conv1d" : "conv2d";
    }
}
