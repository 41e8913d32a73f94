package dev.nabla.nn;

/**
 * GELU, x·Φ(x): exact by default (PyTorch's default; Keras's {@code approximate=False}),
 * or the tanh approximation. Any shape → same shape.
 */
public class Gelu extends Activation {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param approximate whether the tanh approximation is used
     */
    public record Config(boolean approximate) {

        /** The exact GELU. */
        public static Config of() {
            return new Config(false);
        }
    }

    private final boolean tanhApproximation;

    /** A layer with the given settings. */
    public Gelu(Config config) {
        this(config.approximate());
    }

    /** The exact GELU. */
    public Gelu() {
        this(Config.of());
    }

    /** The tanh approximation when {@code tanhApproximation}. */
    public Gelu(boolean tanhApproximation) {
        super(tanhApproximation ? x -> x.geluTanh() : x -> x.gelu());
        this.tanhApproximation = tanhApproximation;
    }

    /** Whether the tanh approximation is used. */
    public boolean tanhApproximation() {
        return tanhApproximation;
    }

    @Override
    protected String describe() {
        return tanhApproximation ? "approximate=tanh" : "";
    }

    /** The settings. */
    public Config config() {
        return new Config(tanhApproximation);
    }
}
