package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reorders the dimensions of each sample, keeping the batch first (Keras {@code Permute}):
 * {@code [N, d1, d2, ...] → [N, d_axes[0], d_axes[1], ...]}.
 *
 * <p><b>The axes are numbered from 1, and the batch is not among them</b>, as in Keras:
 * {@code new Permute(2, 1)} takes {@code [N, A, B] → [N, B, A]}. This differs from
 * {@link Tensor#permute}, which numbers every axis from 0, the batch included (PyTorch's
 * {@code x.permute(0, 2, 1)} is {@code new Permute(2, 1)} here). A 0 among the axes is refused
 * with a message saying so.
 */
public class Permute extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param axes the new order of the sample dimensions, numbered from 1
     */
    public record Config(int[] axes) {

        /** Copies the sizes. */
        public Config {
            axes = axes.clone();
        }

        @Override
        public int[] axes() {
            return axes.clone();
        }

        /** The given order of the sample dimensions. */
        public static Config of(int... axes) {
            return new Config(axes);
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(axes, other.axes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(axes));
        }

        @Override
        public String toString() {
            return "Permute.Config[axes=" + Arrays.toString(axes) + "]";
        }
    }

    private final int[] axes;

    /** A layer with the given settings. */
    public Permute(Config config) {
        this(config.axes());
    }

    /** The new order of the sample dimensions, numbered from 1 (the batch, axis 0, stays first). */
    public Permute(int... axes) {
        if (Arrays.stream(axes).anyMatch(axis -> axis == 0)) {
            throw new IllegalArgumentException("Permute: axes " + Arrays.toString(axes) + " contain 0, but the axes are"
                    + " numbered from 1 and the batch axis is not among them (as in Keras): to swap the two sample axes"
                    + " of [N, A, B] write Permute(2, 1); Tensor.permute numbers from 0 with the batch included");
        }
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Permute: " + Arrays.toString(axes)
                        + " must be a permutation of 1.." + axes.length);
            }
        }
        this.axes = axes.clone();
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != axes.length + 1) {
            throw shapeError("of rank " + (axes.length + 1), input.shape());
        }
        int[] order = new int[axes.length + 1];
        for (int i = 0; i < axes.length; i++) {
            order[i + 1] = axes[i];
        }
        return input.permute(order);
    }

    /** The new order of the sample dimensions, numbered from 1. */
    public int[] axes() {
        return axes.clone();
    }

    @Override
    protected String describe() {
        return Arrays.toString(axes);
    }

    /** The settings. */
    public Config config() {
        return new Config(axes);
    }
}
