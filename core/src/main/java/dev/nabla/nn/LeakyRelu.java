package dev.nabla.nn;

/** LeakyReLU: x for x > 0, slope·x otherwise (PyTorch's default slope 0.01; Keras's 0.3). Any shape → same shape. */
public class LeakyRelu extends Activation {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param slope the slope for negative inputs
     */
    public record Config(float slope) {

        /** With PyTorch's default slope, 0.01. */
        public static Config of() {
            return new Config(0.01f);
        }
    }

    private final float slope;

    /** A layer with the given settings. */
    public LeakyRelu(Config config) {
        this(config.slope());
    }

    /** With PyTorch's default slope, 0.01. */
    public LeakyRelu() {
        this(Config.of());
    }

    /** With the given negative slope. */
    public LeakyRelu(float slope) {
        super(x -> x.leakyRelu(slope));
        this.slope = slope;
    }

    /** The slope for negative inputs. */
    public float slope() {
        return slope;
    }

    @Override
    protected String describe() {
        return "slope=" + slope;
    }

    /** The settings. */
    public Config config() {
        return new Config(slope);
    }
}
