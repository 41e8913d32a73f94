package dev.nabla.nn;

/** Softmax along an axis (default the last, as Keras). Any shape → same shape. */
public class Softmax extends Activation {

    private final int axis;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
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
}
