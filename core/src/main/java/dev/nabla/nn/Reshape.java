package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reshapes each sample, keeping the batch dimension (Keras {@code Reshape}):
 * {@code new Reshape(1, 28, 28)} takes {@code [N, 784] → [N, 1, 28, 28]}; one size may be -1.
 */
public class Reshape extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param shape the target shape of one sample (without the batch dimension)
     */
    public record Config(int[] shape) {

        /** Copies the sizes. */
        public Config {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The given target shape of one sample. */
        public static Config of(int... shape) {
            return new Config(shape);
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(shape, other.shape);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(shape));
        }

        @Override
        public String toString() {
            return "Reshape.Config[shape=" + Arrays.toString(shape) + "]";
        }
    }

    private final int[] sampleShape;

    /** A layer with the given settings. */
    public Reshape(Config config) {
        this(config.shape());
    }

    /** The target shape of one sample (without the batch dimension). */
    public Reshape(int... sampleShape) {
        this.sampleShape = sampleShape.clone();
    }

    @Override
    protected Tensor call(Tensor input) {
        int[] target = new int[sampleShape.length + 1];
        target[0] = input.dim(0);
        System.arraycopy(sampleShape, 0, target, 1, sampleShape.length);
        try {
            return input.reshape(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path() + ": cannot reshape input " + input.shape()
                    + " to samples of shape " + Arrays.toString(sampleShape), e);
        }
    }

    /** The target shape of one sample. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    protected String describe() {
        return Arrays.toString(sampleShape);
    }

    /** The settings. */
    public Config config() {
        return new Config(sampleShape);
    }
}
