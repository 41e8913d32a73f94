package dev.nabla.nn;

/** ELU: x for x > 0, alpha·(e^x − 1) otherwise (default alpha 1). Any shape → same shape. */
public class Elu extends Activation {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param alpha the scale of the negative part
     */
    public record Config(float alpha) {

        /** With alpha 1. */
        public static Config of() {
            return new Config(1f);
        }
    }

    private final float alpha;

    /** A layer with the given settings. */
    public Elu(Config config) {
        this(config.alpha());
    }

    /** With alpha 1. */
    public Elu() {
        this(Config.of());
    }

    /** With the given alpha. */
    public Elu(float alpha) {
        super(x -> x.elu(alpha));
        this.alpha = alpha;
    }

    /** The scale of the negative part. */
    public float alpha() {
        return alpha;
    }

    @Override
    protected String describe() {
        return "alpha=" + alpha;
    }

    /** The settings. */
    public Config config() {
        return new Config(alpha);
    }
}
