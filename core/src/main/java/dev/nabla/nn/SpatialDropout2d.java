package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Drops whole channels of an image batch during training (PyTorch {@code nn.Dropout2d},
 * Keras {@code SpatialDropout2D}): {@code [N, C, H, W] → [N, C, H, W]}.
 */
public class SpatialDropout2d extends Dropout {

    /** Channel dropout with the given settings ({@link Dropout.Config}). */
    public SpatialDropout2d(Config config) {
        super(config);
    }

    /** Channel dropout with the given rate. */
    public SpatialDropout2d(float rate) {
        super(rate);
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != 4) {
            throw shapeError("[N, C, H, W]", input.shape());
        }
        if (!isTraining() || rate() == 0f) {
            return input;
        }
        return input.mul(mask(input, new int[] {input.dim(0), input.dim(1), 1, 1}));
    }
}
