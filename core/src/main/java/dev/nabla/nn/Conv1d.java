package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * 1-d convolution over sequences (PyTorch {@code nn.Conv1d}, Keras {@code Conv1D} with
 * channels first): {@code [N, C_in, L] → [N, C_out, L_out]}, weight {@code [C_out, C_in/groups, k]}.
 * {@code new Conv1d(16, 3)} is Keras's {@code Conv1D(16, 3)}, channels from the input;
 * {@code Conv1d.fromChannels(4, 16, 3)} is PyTorch's {@code nn.Conv1d(4, 16, 3)}, built at once.
 */
public class Conv1d extends ConvolutionLayer {

    /**
     * A 1-d convolution's settings, their defaults in one place.
     *
     * @param outChannels the number of filters (at least 1)
     * @param kernelSize  the kernel's width
     * @param inChannels  the input channels, or null to take them from the first input
     * @param options     stride, padding (or "same"), dilation and groups, the same along both of their parts
     * @param useBias     whether the layer adds a bias
     * @param activation  applied to the output in the same pass; {@link ActivationFunction#LINEAR} for none
     */
    public record Config(int outChannels, int kernelSize, Integer inChannels, ConvolutionOptions options,
                         boolean useBias, ActivationFunction activation) {

        /** Checks the sizes. */
        public Config {
            checked("Conv1d", outChannels, new int[] {kernelSize}, inChannels, options, activation);
        }

        /** {@code outChannels} filters of width {@code kernelSize}, stride 1, no padding, with bias, no activation. */
        public static Config of(int outChannels, int kernelSize) {
            return new Config(outChannels, kernelSize, null, ConvolutionOptions.defaults(), true,
                    ActivationFunction.LINEAR);
        }

        /** The same with the input channels given, so the layer is built at once. */
        public Config inChannels(int channels) {
            return new Config(outChannels, kernelSize, channels, options, useBias, activation);
        }

        /** The same with stride, padding, dilation and groups. */
        public Config options(ConvolutionOptions convolution) {
            return new Config(outChannels, kernelSize, inChannels, convolution, useBias, activation);
        }

        /** The same with or without bias. */
        public Config useBias(boolean bias) {
            return new Config(outChannels, kernelSize, inChannels, options, bias, activation);
        }

        /** The same with an activation (Keras's {@code activation="relu"}). */
        public Config activation(ActivationFunction function) {
            return new Config(outChannels, kernelSize, inChannels, options, useBias, function);
        }
    }

    private final Config config;

    /** {@code outChannels} filters of width kernelSize (Keras's {@code Conv1D(filters, kernel_size)}). */
    public Conv1d(int outChannels, int kernelSize) {
        this(Config.of(outChannels, kernelSize));
    }

    /** The same with an activation applied in the same pass (Keras's {@code Conv1D(filters, kernel_size, activation="relu")}). */
    public Conv1d(int outChannels, int kernelSize, ActivationFunction activation) {
        this(Config.of(outChannels, kernelSize).activation(activation));
    }

    /** A convolution with the given settings, built at once when they give the input channels. */
    public Conv1d(Config config) {
        super(config.outChannels(), new int[] {config.kernelSize()}, config.options(), config.useBias(),
                config.activation());
        this.config = config;
        if (config.inChannels() != null) {
            build(1, config.inChannels(), config.kernelSize());
        }
    }

    /** PyTorch's {@code nn.Conv1d(in_channels, out_channels, kernel_size)}: the input channels first, built at once. */
    public static Conv1d fromChannels(int inChannels, int outChannels, int kernelSize) {
        return new Conv1d(Config.of(outChannels, kernelSize).inChannels(inChannels));
    }

    /** The settings, with the input channels once the layer is built. */
    public Config config() {
        return inChannels < 0 ? config : config.inChannels(inChannels);
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
