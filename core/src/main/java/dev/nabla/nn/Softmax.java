package dev.nabla.nn;

/** Softmax along an axis (default the last, as Keras). Any shape → same shape. */
public class Softmax extends Activation {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param axis the axis normalised along; negative counts from the end
     */
    public record Config(int axis) {

        /** Over the last axis. */
        public static Config of() {
            return new Config(-1);
        }
    }

    private final int axis;

    /** A layer with the given settings. */
    public Softmax(Config config) {
        this(config.axis());
    }

    /** Softmax over the last axis. */
    public Softmax() {
        this(Config.of());
    }

    /** Softmax over the given axis. */
    public Softmax(int axis) {
        super(x -> x.softmax(axis));
        this.axis = axis;
    }

    /** The axis the values are normalised along. */
    public int axis() {
        return axis;
    }

    @Override
    protected String describe() {
        return "axis=" + axis;
    }

    /** The settings. */
    public Config config() {
        return new Config(axis);
    }
}
