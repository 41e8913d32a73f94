package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Joins its inputs along one axis (Keras {@code Concatenate}, PyTorch {@code torch.cat}):
 * inputs equal in every dimension but {@code axis} → the sizes along {@code axis} added.
 * The default axis is 1, the channels of NCHW images (Keras's default is -1, channels-last).
 * Called with {@code forward(List.of(a, b, ...))}.
 */
public class Concatenate extends Merge {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param axis the axis joined along; negative counts from the end
     */
    public record Config(int axis) {

        /** Along the channel axis 1. */
        public static Config of() {
            return new Config(1);
        }
    }

    private final int axis;

    /** A layer with the given settings. */
    public Concatenate(Config config) {
        this(config.axis());
    }

    /** Concatenation along the channel axis 1. */
    public Concatenate() {
        this(Config.of());
    }

    /** Concatenation along {@code axis}; negative counts from the end. */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        int rank = inputs.get(0).rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(path() + ": axis " + axis + " is out of range for inputs of shapes "
                    + shapes(inputs));
        }
        for (Tensor t : inputs) {
            boolean fits = t.rank() == rank;
            for (int d = 0; fits && d < rank; d++) {
                fits = d == a || t.dim(d) == inputs.get(0).dim(d);
            }
            if (!fits) {
                throw new IllegalArgumentException(path() + ": cannot join inputs of shapes " + shapes(inputs)
                        + " along axis " + axis + ": every other dimension must match");
            }
        }
        return Tensor.concat(a, inputs.toArray(Tensor[]::new));
    }

    /** The axis joined along, as given. */
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
