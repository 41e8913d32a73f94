package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Reorders the dimensions of each sample, keeping the batch first (Keras {@code Permute}):
 * the axes are numbered from 1, excluding the batch, as in Keras — {@code new Permute(2, 1)}
 * takes {@code [N, A, B] → [N, B, A]}.
 */
public class Permute extends Layer {

    private final int[] axes;

    /** The new order of the sample dimensions, numbered from 1. */
    public Permute(int... axes) {
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Permute: " + Arrays.toString(axes)
                        + " must be a permutation of 1.." + axes.length);
            }
        }
        this.axes = axes.clone();
        markBuilt();
    }

    @Override
    public Tensor forward(Tensor input) {
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
}
