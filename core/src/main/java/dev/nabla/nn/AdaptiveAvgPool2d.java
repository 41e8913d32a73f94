package dev.nabla.nn;

import dev.nabla.tensor.Pooling;
import java.util.Arrays;
import java.util.Objects;

/**
 * Average pooling to a fixed output size whatever the input size (PyTorch
 * {@code nn.AdaptiveAvgPool2d}): {@code [N, C, H, W] → [N, C, outH, outW]}, window i
 * spanning rows floor(i·H/outH) to ceil((i+1)·H/outH).
 */
public class AdaptiveAvgPool2d extends PoolingLayer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param outputSize the output's (height, width); one size for a square output
     */
    public record Config(int[] outputSize) {

        /** Makes one size square; checks the sizes. */
        public Config {
            outputSize = outputSize.length == 1 ? new int[] {outputSize[0], outputSize[0]} : outputSize.clone();
            if (outputSize.length != 2) {
                throw new IllegalArgumentException("AdaptiveAvgPool2d: outputSize needs (height, width) or one size,"
                        + " got " + outputSize.length + " sizes");
            }
        }

        /** An output of these sizes. */
        public static Config of(int... outputSize) {
            return new Config(outputSize);
        }

        @Override
        public int[] outputSize() {
            return outputSize.clone();
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(outputSize, other.outputSize);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(outputSize));
        }

        @Override
        public String toString() {
            return "AdaptiveAvgPool2d.Config[outputSize=" + Arrays.toString(outputSize) + "]";
        }
    }

    private final int outputHeight;
    private final int outputWidth;

    /** A pooling layer with the given settings. */
    public AdaptiveAvgPool2d(Config config) {
        this(config.outputSize()[0], config.outputSize()[1]);
    }

    /** The settings. */
    public Config config() {
        return new Config(new int[] {outputHeight, outputWidth});
    }

    /** A square output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** An output of outputHeight × outputWidth. */
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
        super(4, "[N, C, H, W]", x -> Pooling.adaptiveAvgPool2d(x, outputHeight, outputWidth),
                "output=" + outputHeight + "x" + outputWidth);
        this.outputHeight = outputHeight;
        this.outputWidth = outputWidth;
    }

    /** The output height. */
    public int outputHeight() {
        return outputHeight;
    }

    /** The output width. */
    public int outputWidth() {
        return outputWidth;
    }
}
