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

    /**
     * A transposed convolution's settings, their defaults in one place.
     *
     * @param outChannels the output channels (at least 1)
     * @param kernelSize  the square kernel's size
     * @param inChannels  the input channels, or null to take them from the first input
     * @param options     stride, padding, dilation, groups and output padding
     */
    public record Config(int outChannels, int kernelSize, Integer inChannels, ConvolutionOptions options) {

        /** Checks the sizes. */
        public Config {
            checked("ConvTranspose2d", outChannels, new int[] {kernelSize}, inChannels, options,
                    ActivationFunction.LINEAR);
        }

        /** {@code outChannels} channels from a kernelSize × kernelSize kernel, stride 1, no padding. */
        public static Config of(int outChannels, int kernelSize) {
            return new Config(outChannels, kernelSize, null, ConvolutionOptions.defaults());
        }

        /** The same with the input channels given, so the layer is built at once. */
        public Config inChannels(int channels) {
            return new Config(outChannels, kernelSize, channels, options);
        }

        /** The same with stride, padding, dilation, groups and output padding. */
        public Config options(ConvolutionOptions convolution) {
            return new Config(outChannels, kernelSize, inChannels, convolution);
        }
    }

    private final Config config;

    /** {@code outChannels} channels from a kernelSize × kernelSize kernel (Keras's {@code Conv2DTranspose(filters, k)}). */
    public ConvTranspose2d(int outChannels, int kernelSize) {
        this(Config.of(outChannels, kernelSize));
    }

    /** A transposed convolution with the given settings, built at once when they give the input channels. */
    public ConvTranspose2d(Config config) {
        super(config.outChannels(), new int[] {config.kernelSize(), config.kernelSize()}, config.options(), true,
                ActivationFunction.LINEAR);
        this.config = config;
        if (config.inChannels() != null) {
            build(1, config.inChannels(), config.kernelSize(), config.kernelSize());
        }
    }

    /**
     * PyTorch's {@code nn.ConvTranspose2d(in_channels, out_channels, kernel_size)}: the input
     * channels first, built at once.
     */
    public static ConvTranspose2d fromChannels(int inChannels, int outChannels, int kernelSize) {
        return new ConvTranspose2d(Config.of(outChannels, kernelSize).inChannels(inChannels));
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
        return Shape.of(in, outChannels / options.groups(), kernel[0], kernel[1]);
    }

    @Override
    Tensor convolve(Tensor input, Tensor w, Tensor b) {
        return Convolution.convTranspose2d(input, w, b, options);
    }
}
