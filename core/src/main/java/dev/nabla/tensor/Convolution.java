package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;

/**
 * Convolutions over channels-first data, with PyTorch's semantics
 * ({@code torch.nn.functional.conv1d}, {@code conv2d}, {@code conv_transpose2d}): the kernel is
 * not flipped (cross-correlation), and padding adds zeros.
 *
 * <pre>{@code
 * Tensor y = Convolution.conv2d(images, weight, bias, ConvolutionOptions.defaults().stride(2).padding(1));
 * }</pre>
 *
 * <p>Each input may also come without its batch dimension ({@code [channels, ...]}), and the
 * output then has none either. {@code bias} may be null. Shape errors throw
 * {@link IllegalArgumentException} naming the op and the shapes.
 */
public final class Convolution {

    private Convolution() {
    }

    /** {@link #conv1d(Tensor, Tensor, Tensor, ConvolutionOptions)} with stride 1 and no padding. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, ConvolutionOptions.defaults());
    }

    /**
     * 1-d convolution (PyTorch's {@code conv1d}):
     * {@code input [batch, inChannels, length], weight [outChannels, inChannels / groups, kernelLength],
     * bias [outChannels] → [batch, outChannels, outLength]} with
     * {@code outLength = (length + 2·padding − dilation·(kernelLength − 1) − 1) / stride + 1}.
     * The options' height and width parts must agree (set them with the one-argument forms).
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options) {
        return conv1d(input, weight, bias, options, ActivationFunction.LINEAR);
    }

    /** {@link #conv2d(Tensor, Tensor, Tensor, ConvolutionOptions)} with stride 1 and no padding. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, ConvolutionOptions.defaults());
    }

    /**
     * 2-d convolution (PyTorch's {@code conv2d}):
     * {@code input [batch, inChannels, height, width], weight [outChannels, inChannels / groups,
     * kernelHeight, kernelWidth], bias [outChannels] → [batch, outChannels, outHeight, outWidth]} with
     * {@code outHeight = (height + 2·paddingHeight − dilationHeight·(kernelHeight − 1) − 1) / strideHeight + 1}
     * (rounded down), likewise the width; with {@link ConvolutionOptions#paddingSame()} the output keeps
     * the input's size. Each group of {@code outChannels / groups} output channels sees only its
     * own {@code inChannels / groups} input channels; {@code groups = inChannels} is a depthwise
     * convolution.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options) {
        return conv2d(input, weight, bias, options, ActivationFunction.LINEAR);
    }

    /**
     * {@code activation(conv1d(input, weight, bias, options))} as one op (Keras's
     * {@code Conv1D(..., activation="relu")}): the bias and the activation are applied in the
     * same pass as the product is stored, and backward applies the activation's derivative
     * once before the convolution's gradients.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options,
                                ActivationFunction activation) {
        if (options.strideHeight() != options.strideWidth() || options.paddingHeight() != options.paddingWidth()
                || options.dilationHeight() != options.dilationWidth()) {
            throw new IllegalArgumentException("conv1d: a 1-d convolution takes one stride, padding and dilation,"
                    + " but " + options + " gives different values for height and width; use stride(n),"
                    + " padding(n) and dilation(n)");
        }
        ConvolutionGeometry g = ConvolutionGeometry.forward("conv1d", input, weight, bias, options, 1);
        return convolve("conv1d", input, weight, bias, g, 1, activation);
    }

    /**
     * {@code activation(conv2d(input, weight, bias, options))} as one op (Keras's
     * {@code Conv2D(..., activation="relu")}), fused as {@link #conv1d(Tensor, Tensor, Tensor,
     * ConvolutionOptions, ActivationFunction)} is.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options,
                                ActivationFunction activation) {
        ConvolutionGeometry g = ConvolutionGeometry.forward("conv2d", input, weight, bias, options, 2);
        return convolve("conv2d", input, weight, bias, g, 2, activation);
    }

    /**
     * For inference: {@code maxPool2d(conv2d(input, weight, bias, options, activation), 2)} in one
     * pass (a CNN's conv → ReLU → 2 × 2 pooling), without the full-size activation in between; the
     * values are the same bit for bit (a NaN may come out with the other sign). {@code input} is {@code [N, C, H, W]}; an odd last row or
     * column of the convolution's output is dropped, as by the pooling. Records no gradient: an
     * input that requires grad while grad mode is on is refused ({@link IllegalStateException}).
     */
    public static Tensor conv2dMaxPooled(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options,
                                         ActivationFunction activation) {
        return ConvolutionPooling.conv2dMaxPooled(input, weight, bias, options, activation);
    }

    /**
     * For inference: a 2-d convolution, a per-channel affine map, a residual and an activation
     * in one pass over each output tile,
     * {@code activation(conv2d(input, weight, null, options)·scale[c] + shift[c] + residual)}: a
     * convolution followed by batch norm in evaluation mode ({@code scale = γ / √(running_var + ε)},
     * {@code shift = β − running_mean·scale}), the residual add and ReLU of a ResNet block, without
     * storing what lies between. {@code scale} and {@code shift} are {@code [outChannels]};
     * {@code residual} (null: none) has the output's shape. Records no gradient: an input that
     * requires grad while grad mode is on is refused ({@link IllegalStateException}).
     */
    public static Tensor conv2dScaled(Tensor input, Tensor weight, Tensor scale, Tensor shift,
                                      ConvolutionOptions options, Tensor residual, ActivationFunction activation) {
        if (NoGrad.isGradEnabled() && (input.requiresGrad() || weight.requiresGrad() || scale.requiresGrad()
                || shift.requiresGrad() || residual != null && residual.requiresGrad())) {
            throw new IllegalStateException("conv2dScaled: records no gradient, but an input requires grad;"
                    + " call it inside NoGrad.enter() or use conv2d and batch norm");
        }
        if (Autocast.casts(input, weight, residual)) {
            return conv2dScaled(Autocast.cast(input), Autocast.cast(weight), scale, shift, options,
                    Autocast.cast(residual), activation);
        }
        ConvolutionGeometry g = ConvolutionGeometry.forward("conv2dScaled", input, weight, null, options, 2);
        Shape shape = ConvolutionGeometry.resize(input, 2, g.outChannels(), g.outHeight(), g.outWidth());
        Shape channels = Shape.of(g.outChannels());
        if (!scale.shape().equals(channels) || !shift.shape().equals(channels)) {
            throw new IllegalArgumentException("conv2dScaled: scale and shift must be " + channels + " (one value per"
                    + " output channel), got " + scale.shape() + " and " + shift.shape());
        }
        if (residual != null && !residual.shape().equals(shape)) {
            throw new IllegalArgumentException("conv2dScaled: the residual must have the output's shape " + shape
                    + ", got " + residual.shape());
        }
        Tensor r = residual == null ? null : residual.floatData();
        float[] y = new float[shape.size()];
        ConvolutionGemm.outputScaled(input.floatData(), weight.contiguousData(), Layout.toArray(scale),
                Layout.toArray(shift), r == null ? null : r.data(), r == null ? 0 : r.offset(), activation.op(),
                activation.parameter(), g, y);
        return Tensor.wrap(y, shape, DType.promote(input, weight, residual));
    }

    /** {@link #convTranspose2d(Tensor, Tensor, Tensor, ConvolutionOptions)} with stride 1 and no padding. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias) {
        return convTranspose2d(input, weight, bias, ConvolutionOptions.defaults());
    }

    /**
     * 2-d transposed convolution (PyTorch's {@code conv_transpose2d}, sometimes called
     * deconvolution): the adjoint of {@link #conv2d} with the same weight and options, so it maps
     * a conv2d output size back to its input size.
     * {@code input [batch, inChannels, height, width], weight [inChannels, outChannels / groups,
     * kernelHeight, kernelWidth], bias [outChannels] → [batch, outChannels, outHeight, outWidth]} with
     * {@code outHeight = (height − 1)·strideHeight − 2·paddingHeight + dilationHeight·(kernelHeight − 1)
     * + outputPaddingHeight + 1}, likewise the width. The output padding must be smaller than the
     * stride or the dilation; padding 'same' is not allowed.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvolutionOptions options) {
        if (Autocast.casts(input, weight, bias)) {
            return convTranspose2d(Autocast.cast(input), Autocast.cast(weight), Autocast.cast(bias), options);
        }
        ConvolutionGeometry g = ConvolutionGeometry.transposed("convTranspose2d", input, weight, bias, options);
        Tensor x = input.floatData();
        Tensor w = weight.contiguousData();
        DType dtype = DType.promote(input, weight, bias);
        float[] y = ConvolutionGemm.inputGradient(x, w, g);
        if (bias != null) {
            ConvolutionGemm.addBias(y, Layout.toArray(bias), g.batch(), g.inChannels(), g.inPlane());
        }
        Tensor out = Tensor.wrap(y, ConvolutionGeometry.resize(input, 2, g.inChannels(), g.inHeight(), g.inWidth()), dtype);
        return Autograd.record("convTranspose2d", out, gradOutput -> {
            Tensor gy = gradOutput.floatData();
            return new Tensor[] {
                input.requiresGrad() ? Tensor.wrap(ConvolutionGemm.output(gy, w, null, g), input.shape(), dtype) : null,
                weight.requiresGrad() ? Tensor.wrap(ConvolutionGemm.weightGradient(gy, x, g), weight.shape(), dtype) : null,
                bias != null && bias.requiresGrad() ? channelSums(gy, g.batch(), g.inChannels(), g.inPlane()) : null};
        }, (gradOutput, needed) -> ConvolutionGradients.transposed(gradOutput, needed, input, weight, bias, g),
            input, weight, bias);
    }

    static Tensor convolve(String op, Tensor input, Tensor weight, Tensor bias, ConvolutionGeometry g,
                                   int spatialRank, ActivationFunction activation) {
        if (Autocast.casts(input, weight, bias)) {
            return convolve(op, Autocast.cast(input), Autocast.cast(weight), Autocast.cast(bias), g, spatialRank,
                    activation);
        }
        Tensor x = input.floatData();
        Tensor w = weight.contiguousData();
        DType dtype = DType.promote(input, weight, bias);
        UnaryOp function = activation.op();
        float param = activation.parameter();
        float[] z = new float[g.batch() * g.outChannels() * g.outPlane()];
        // ReLU, sigmoid and tanh differentiate from their output, so it may replace z.
        float[] y = function == null || activation.derivativeFromOutput() ? z : new float[z.length];
        ConvolutionGemm.output(x, w, bias == null ? null : Layout.toArray(bias), function, param, y, g, z);
        Shape shape = ConvolutionGeometry.resize(input, spatialRank, g.outChannels(), g.outHeight(), g.outWidth());
        String name = function == null ? op : op + "+" + activation.kerasName();
        Tensor result = Tensor.wrap(y, shape, dtype);
        // Backward keeps only tensors of the result's dtype: for halves the input itself (widened
        // again in backward) and the half output, no float32 copies (half the activation memory).
        Tensor savedX = dtype.isHalf() ? null : x;
        Tensor post = function == null ? null : result.detach();
        Tensor pre = function == null ? null : activation.derivativeFromOutput() ? post : Tensor.wrap(z, shape, dtype);
        Node.GraphBackward graph = (gradOutput, needed) -> ConvolutionGradients.convolution(op, gradOutput, needed,
                input, weight, bias, g, spatialRank, activation, result);
        return Autograd.record(name, result, gradOutput -> {
            Tensor gy = gradOutput.floatData();
            if (function != null) {
                float[] after = post.floatData().data();
                float[] before = pre == post ? after : pre.floatData().data();
                gy = Tensor.wrap(Pointwise.chainRule(function, param, before, 0, after, gradOutput), gradOutput.shape());
            }
            Tensor xb = savedX != null ? savedX : input.floatData();
            return new Tensor[] {
                input.requiresGrad() ? Tensor.wrap(ConvolutionGemm.inputGradient(gy, w, g), input.shape(), dtype) : null,
                weight.requiresGrad() ? Tensor.wrap(ConvolutionGemm.weightGradient(xb, gy, g), weight.shape(), dtype) : null,
                bias != null && bias.requiresGrad() ? channelSums(gy, g.batch(), g.outChannels(), g.outPlane()) : null};
        }, graph, input, weight, bias);
    }


    /**
     * The bias gradient: a contiguous [batch, channels, plane] gradient summed over batch and
     * plane, channel by channel: each plane summed by the kernel, then the planes in batch
     * order, so the result does not depend on the thread count.
     */
    private static Tensor channelSums(Tensor gradient, int batch, int channels, int plane) {
        float[] sums = new float[channels];
        float[] values = gradient.data();
        Kernels kernels = KernelProvider.get();
        int grain = (int) Math.max(1, Pointwise.GRAIN / Math.max(1, (long) batch * plane));
        Parallel.forChunks(channels, grain, (start, end) -> {
            for (int c = start; c < end; c++) {
                float sum = 0f;
                for (int n = 0; n < batch; n++) {
                    sum += kernels.sum(values, gradient.offset() + (n * channels + c) * plane, plane);
                }
                sums[c] = sum;
            }
        });
        return Tensor.wrap(sums, Shape.of(channels));
    }
}
