package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * 2-d convolution (PyTorch {@code nn.Conv2d}, Keras {@code Conv2D} with channels first):
 * {@code [N, C_in, H, W] → [N, C_out, H_out, W_out]}, weight {@code [C_out, C_in/groups, kH, kW]}.
 *
 * <pre>{@code
 * new Conv2d(16, 3);                                   // Keras's Conv2D(16, 3): channels from the input
 * Conv2d.fromChannels(3, 16, 3);                       // PyTorch's nn.Conv2d(3, 16, 3): built at once
 * new Conv2d(Conv2d.Config.of(16, 3).options(ConvolutionOptions.defaults().stride(2).paddingSame())
 *         .activation(ActivationFunction.RELU));
 * }</pre>
 */
public class Conv2d extends ConvolutionLayer {

    /**
     * A 2-d convolution's settings, their defaults in one place.
     *
     * @param outChannels the number of filters (at least 1)
     * @param kernelSize  the kernel's (height, width); one size for a square kernel
     * @param inChannels  the input channels, or null to take them from the first input
     * @param options     stride, padding (or "same"), dilation and groups
     * @param useBias     whether the layer adds a bias
     * @param activation  applied to the output in the same pass; {@link ActivationFunction#LINEAR} for none
     */
    public record Config(int outChannels, int[] kernelSize, Integer inChannels, ConvolutionOptions options,
                         boolean useBias, ActivationFunction activation) {

        /** Makes a one-size kernel square; checks the sizes. */
        public Config {
            if (kernelSize.length != 1 && kernelSize.length != 2) {
                throw new IllegalArgumentException("Conv2d: kernelSize needs (height, width) or one size, got "
                        + kernelSize.length + ": " + Arrays.toString(kernelSize));
            }
            kernelSize = kernelSize.length == 1 ? new int[] {kernelSize[0], kernelSize[0]} : kernelSize.clone();
            checked("Conv2d", outChannels, kernelSize, inChannels, options, activation);
        }

        /** {@code outChannels} filters of {@code kernelSize}, stride 1, no padding, with bias, no activation. */
        public static Config of(int outChannels, int[] kernelSize) {
            return new Config(outChannels, kernelSize, null, ConvolutionOptions.defaults(), true,
                    ActivationFunction.LINEAR);
        }

        /** {@code outChannels} filters of kernelSize × kernelSize. */
        public static Config of(int outChannels, int kernelSize) {
            return of(outChannels, new int[] {kernelSize});
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

        @Override
        public int[] kernelSize() {
            return kernelSize.clone();
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && outChannels == other.outChannels
                    && Arrays.equals(kernelSize, other.kernelSize)
                    && Objects.equals(inChannels, other.inChannels)
                    && Objects.equals(options, other.options)
                    && useBias == other.useBias
                    && Objects.equals(activation, other.activation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(outChannels, Arrays.hashCode(kernelSize), inChannels, options,
                    useBias, activation);
        }

        @Override
        public String toString() {
            return "Conv2d.Config[outChannels=" + outChannels
                    + ", kernelSize=" + Arrays.toString(kernelSize) + ", inChannels=" + inChannels
                    + ", options=" + options + ", useBias=" + useBias + ", activation=" + activation + "]";
        }
    }

    private final Config config;

    /** {@code outChannels} filters of kernelSize × kernelSize (Keras's {@code Conv2D(filters, kernel_size)}). */
    public Conv2d(int outChannels, int kernelSize) {
        this(Config.of(outChannels, kernelSize));
    }

    /** The same with an activation applied in the same pass (Keras's {@code Conv2D(filters, kernel_size, activation="relu")}). */
    public Conv2d(int outChannels, int kernelSize, ActivationFunction activation) {
        this(Config.of(outChannels, kernelSize).activation(activation));
    }

    /** A convolution with the given settings, built at once when they give the input channels. */
    public Conv2d(Config config) {
        super(config.outChannels(), config.kernelSize(), config.options(), config.useBias(), config.activation());
        this.config = config;
        if (config.inChannels() != null) {
            build(1, config.inChannels(), kernel[0], kernel[1]);
        }
    }

    /**
     * PyTorch's {@code nn.Conv2d(in_channels, out_channels, kernel_size)}: the input channels first,
     * built at once, so its weights exist before the first input.
     */
    public static Conv2d fromChannels(int inChannels, int outChannels, int kernelSize) {
        return new Conv2d(Config.of(outChannels, kernelSize).inChannels(inChannels));
    }

    /** The settings, with the input channels once the layer is built. */
    public Config config() {
        return inChannels < 0 ? config : config.inChannels(inChannels);
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
