package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * The largest value over every spatial position (Keras {@code GlobalMaxPooling1D/2D/3D}):
 * {@code [N, C, ...] → [N, C]}, or with {@link DataFormat#CHANNELS_LAST} {@code [N, T, F] → [N, F]},
 * the maximum over the steps of sequences. A mask on such sequences ({@link Masks}) leaves the
 * padded steps out: each sequence's maximum is over its own real steps (0 for a sequence with no
 * real step), so padding never wins, not even where every real value is negative.
 */
public class GlobalMaxPool extends GlobalPooling {

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

    /** Global max pooling, channels first. */
    public GlobalMaxPool() {
        this(Config.of());
    }

    /** Global max pooling with the channels where {@code dataFormat} says. */
    public GlobalMaxPool(DataFormat dataFormat) {
        this(new Config(dataFormat));
    }

    /** A layer with the given settings. */
    public GlobalMaxPool(Config config) {
        super(config.dataFormat());
    }

    @Override
    Tensor pool(Tensor x, int[] axes, Tensor mask) {
        if (mask == null) {
            return x.max(axes, false);
        }
        Tensor real = mask.gt(0f);
        Tensor largest = Tensor.where(real, x, Tensor.scalar(Float.NEGATIVE_INFINITY)).max(axes, false);
        return Tensor.where(real.max(axes, false), largest, Tensor.scalar(0f));
    }

    /** The settings. */
    public Config config() {
        return new Config(dataFormat());
    }
}
