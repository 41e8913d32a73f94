package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * The largest value over every spatial position (Keras {@code GlobalMaxPooling1D/2D/3D}):
 * {@code [N, C, ...] → [N, C]}.
 */
public class GlobalMaxPool extends PoolingLayer {

    /** Global max pooling. */
    public GlobalMaxPool() {
        super(0, "", x -> x.max(spatialAxes(x), false), "");
    }

    /** Axes 2.. of an input [N, C, ...spatial]. */
    static int[] spatialAxes(Tensor x) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("expected input of shape [N, C, ...] with spatial dimensions, got "
                    + x.shape());
        }
        int[] axes = new int[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return axes;
    }
}
