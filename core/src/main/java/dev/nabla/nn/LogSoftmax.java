package dev.nabla.nn;

/** log(softmax(x)) along an axis (default the last), computed stably. Any shape → same shape. */
public class LogSoftmax extends Activation {

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
    public LogSoftmax(Config config) {
        this(config.axis());
    }

    /** Over the last axis. */
    public LogSoftmax() {
        this(Config.of());
    }

    /** Over the given axis. */
    public LogSoftmax(int axis) {
        super(x -> x.logSoftmax(axis));
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
