package dev.nabla.nn;

import dev.nabla.nn.init.FanMode;
import dev.nabla.nn.init.Initializer;
import dev.nabla.nn.init.Initializers;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d} share: the weight and
 * bias, created from the input's channel count on first use (or at once when given), with
 * PyTorch's default initialisation (uniform in ±1/sqrt(fanIn), fanIn = weight.size(1) ×
 * kernel area). Keras starts kernels with Glorot uniform and biases at zero. Conv1d and
 * Conv2d take an optional activation, as Keras's {@code activation="relu"}, applied in the
 * same pass as the bias.
 */
abstract class ConvolutionLayer extends Layer {

    final int outChannels;
    final int[] kernel;
    final ConvolutionOptions options;
    final boolean useBias;
    final ActivationFunction activation;
    int inChannels = -1;
    Parameter weight;
    Parameter bias;

    ConvolutionLayer(int outChannels, int[] kernel, ConvolutionOptions options, boolean useBias,
                     ActivationFunction activation) {
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.options = options;
        this.useBias = useBias;
        this.activation = activation;
    }

    /** Checks a convolution's settings, for its configuration record; returns nothing, throws on a bad one. */
    static void checked(String layer, int outChannels, int[] kernel, Integer inChannels, ConvolutionOptions options,
                        ActivationFunction activation) {
        if (outChannels < 1 || Arrays.stream(kernel).anyMatch(k -> k < 1) || inChannels != null && inChannels < 1) {
            throw new IllegalArgumentException(layer + ": channels and kernel sizes must be at least 1, got "
                    + outChannels + " channels" + (inChannels == null ? "" : " from " + inChannels)
                    + " and kernel " + Arrays.toString(kernel));
        }
        if (options == null) {
            throw new IllegalArgumentException(layer + ": the options must not be null; use"
                    + " ConvolutionOptions.defaults()");
        }
        if (activation == null) {
            throw new IllegalArgumentException(layer + ": the activation must not be null; use"
                    + " ActivationFunction.LINEAR for none");
        }
    }

    /** The rank of a batched input: 3 for 1-d convolutions, 4 for 2-d. */
    abstract int inputRank();

    /** The weight's shape for the given number of input channels. */
    abstract Shape weightShape(int inChannels);

    /** The op itself. */
    abstract Tensor convolve(Tensor input, Tensor weight, Tensor bias);

    @Override
    protected void build(Shape inputShape) {
        checkRank(inputShape);
        int channelAxis = inputShape.rank() == inputRank() ? 1 : 0;
        inChannels = inputShape.dim(channelAxis);
        if (inChannels < 1) {
            throw shapeError(expectedShape(), inputShape);
        }
        if (inChannels % options.groups() != 0 || outChannels % options.groups() != 0) {
            throw new IllegalArgumentException(path() + ": groups " + options.groups() + " must divide the "
                    + inChannels + " input and " + outChannels + " output channels");
        }
        Shape shape = weightShape(inChannels);
        Initializer.Fans fans = Initializer.Fans.of(shape);
        float bound = (float) (1 / Math.sqrt(fans.in()));
        Initializer w = Initializers.heUniform(FanMode.FAN_IN, Initializers.gain("leaky_relu", (float) Math.sqrt(5)));
        weight = addParameter("weight", w.initialize(shape, generator()));
        if (useBias) {
            bias = addParameter("bias", Initializers.uniform(-bound, bound).initialize(Shape.of(outChannels),
                    generator()));
        }
    }

    private String expectedShape() {
        return inputRank() == 3 ? "[N, C, L]" : "[N, C, H, W]";
    }

    private void checkRank(Shape inputShape) {
        if (inputShape.rank() != inputRank() && inputShape.rank() != inputRank() - 1) {
            throw shapeError(expectedShape(), inputShape);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        checkRank(input.shape());
        try {
            return convolve(input, weight.value(), useBias ? bias.value() : null);
        } catch (IllegalArgumentException e) {
            throw atThisLayer(e);
        }
    }

    /** The weight. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** The number of output channels (filters). */
    public int outChannels() {
        return outChannels;
    }

    /** The number of input channels; -1 before the layer is built. */
    public int inChannels() {
        return inChannels;
    }

    /** The kernel's size per spatial dimension: (width) for 1-d, (height, width) for 2-d. */
    public int[] kernelSize() {
        return kernel.clone();
    }

    /** Stride, padding, dilation, groups and output padding. */
    public ConvolutionOptions options() {
        return options;
    }

    /** The activation applied to the output (linear, the identity, by default). */
    public ActivationFunction activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    @Override
    protected String describe() {
        return (inChannels < 0 ? "?" : inChannels) + ", " + outChannels + ", kernel=" + Arrays.toString(kernel)
                + (options.equals(ConvolutionOptions.defaults()) ? "" : ", " + options) + (useBias ? "" : ", bias=false")
                + (activation == ActivationFunction.LINEAR ? "" : ", activation=" + activation.kerasName());
    }
}
