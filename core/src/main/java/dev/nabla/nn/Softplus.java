package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Softplus: {@code log(1 + e^(beta·x)) / beta}, a smooth ReLU, and x itself where
 * {@code beta·x > threshold} (for numerical stability). PyTorch's {@code nn.Softplus(beta=1,
 * threshold=20)}, Keras's {@code Activation("softplus")}. Any shape → same shape.
 */
public class Softplus extends Activation {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param beta the sharpness (finite and > 0)
     * @param threshold where {@code beta·x} exceeds it the output is x
     */
    public record Config(float beta, float threshold) {

        /** PyTorch's defaults: beta 1, threshold 20. */
        public static Config of() {
            return new Config(1f, OP_THRESHOLD);
        }
    }

    /** Above this {@code beta·x} the Tensor op is already linear: the threshold of {@link Tensor#softplus(float)}. */
    private static final float OP_THRESHOLD = 20f;

    private final float beta;
    private final float threshold;

    /** A layer with the given settings. */
    public Softplus(Config config) {
        this(config.beta(), config.threshold());
    }

    /** With PyTorch's defaults: beta 1, threshold 20. */
    public Softplus() {
        this(Config.of());
    }

    /** With the given beta (> 0) and threshold. */
    public Softplus(float beta, float threshold) {
        super(x -> softplus(x, beta, threshold));
        if (!(beta > 0f) || Float.isInfinite(beta)) {
            throw new IllegalArgumentException("Softplus: beta must be finite and > 0, got " + beta);
        }
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("Softplus: threshold must be a number, got NaN");
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    private static Tensor softplus(Tensor x, float beta, float threshold) {
        Tensor smooth = x.softplus(beta);
        // Between OP_THRESHOLD and a higher threshold the two forms differ by less than e^-20.
        return threshold >= OP_THRESHOLD ? smooth : Tensor.where(x.mul(beta).gt(threshold), x, smooth);
    }

    /** The sharpness: larger is closer to ReLU. */
    public float beta() {
        return beta;
    }

    /** Where {@code beta·x} exceeds it the output is x. */
    public float threshold() {
        return threshold;
    }

    @Override
    protected String describe() {
        return "beta=" + beta + ", threshold=" + threshold;
    }

    /** The settings. */
    public Config config() {
        return new Config(beta, threshold);
    }
}
