package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Merges dimensions startAxis..endAxis into one (PyTorch {@code nn.Flatten}, default
 * 1..-1, which keeps the batch: {@code [N, C, H, W] → [N, C·H·W]}; Keras {@code Flatten}).
 */
public class Flatten extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param startAxis the first dimension merged
     * @param endAxis the last dimension merged (inclusive; negative counts from the end)
     */
    public record Config(int startAxis, int endAxis) {

        /** Everything but the batch dimension. */
        public static Config of() {
            return new Config(1, -1);
        }
    }

    private final int startAxis;
    private final int endAxis;

    /** A layer with the given settings. */
    public Flatten(Config config) {
        this(config.startAxis(), config.endAxis());
    }

    /** Flattens everything but the batch dimension. */
    public Flatten() {
        this(Config.of());
    }

    /** Flattens dimensions startAxis..endAxis inclusive. */
    public Flatten(int startAxis, int endAxis) {
        this.startAxis = startAxis;
        this.endAxis = endAxis;
    }

    @Override
    protected Tensor call(Tensor input) {
        return input.flatten(startAxis, endAxis);
    }

    /** The first dimension merged. */
    public int startAxis() {
        return startAxis;
    }

    /** The last dimension merged (inclusive; negative counts from the end). */
    public int endAxis() {
        return endAxis;
    }

    /** The settings. */
    public Config config() {
        return new Config(startAxis, endAxis);
    }
}
