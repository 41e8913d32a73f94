package dev.nabla.nn;

/** log(softmax(x)) along an axis (default the last), computed stably. Any shape → same shape. */
public class LogSoftmax extends Activation {

    private final int axis;

    /** Over the last axis. */
    public LogSoftmax() {
        this(-1);
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
}
