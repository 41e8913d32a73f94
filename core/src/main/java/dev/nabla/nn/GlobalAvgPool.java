package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * The mean over every spatial position (Keras {@code GlobalAveragePooling1D/2D/3D}; PyTorch
 * {@code AdaptiveAvgPool2d(1)} followed by flatten): {@code [N, C, ...] → [N, C]}, or with
 * {@link DataFormat#CHANNELS_LAST} {@code [N, T, F] → [N, F]}, the mean over the steps of
 * sequences. A mask on such sequences ({@link Masks}, from {@code Embedding(maskZero)} or
 * {@link Masking}) leaves the padded steps out: each sequence's mean is over its own real steps,
 * {@code Σ_t m_t·x_t / Σ_t m_t} (Keras's masked mean; 0 for a sequence with no real step).
 */
public class GlobalAvgPool extends GlobalPooling {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param dataFormat where the channels are: first (Nabla's default) or last (sequences)
     */
    public record Config(DataFormat dataFormat) {

        /** Channels first. */
        public static Config of() {
            return new Config(DataFormat.CHANNELS_FIRST);
        }
    }

    /** Global average pooling, channels first. */
    public GlobalAvgPool() {
        this(Config.of());
    }

    /** Global average pooling with the channels where {@code dataFormat} says. */
    public GlobalAvgPool(DataFormat dataFormat) {
        this(new Config(dataFormat));
    }

    /** A layer with the given settings. */
    public GlobalAvgPool(Config config) {
        super(config.dataFormat());
    }

    @Override
    Tensor pool(Tensor x, int[] axes, Tensor mask) {
        if (mask == null) {
            return x.mean(axes, false);
        }
        int[] positions = x.shape().toArray();
        positions[positions.length - 1] = 1;
        Tensor counted = mask.broadcastTo(Shape.of(positions)).sum(axes, false).maximum(Tensor.scalar(1f));
        return x.mul(mask).sum(axes, false).div(counted);
    }

    /** The settings. */
    public Config config() {
        return new Config(dataFormat());
    }
}
