package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Marks the time steps whose features all equal {@code maskValue} as padding (Keras's
 * {@code Masking}): {@code [N, T, ...] → } the same, those steps set to zero, with a mask
 * {@code [N, T]} attached ({@link Masks}) that the next recurrent layer honours.
 */
public class Masking extends Layer {

    private final float maskValue;

    /** Steps of all zeros are padding (Keras's default). */
    public Masking() {
        this(0f);
    }

    /** Steps whose every feature equals {@code maskValue} are padding. */
    public Masking(float maskValue) {
        this.maskValue = maskValue;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() < 3) {
            throw new IllegalArgumentException(path() + ": expected input of shape [batch, time, features...], got "
                    + input.shape());
        }
        int[] features = new int[input.rank() - 2];
        for (int i = 0; i < features.length; i++) {
            features[i] = i + 2;
        }
        Tensor mask = input.detach().ne(Tensor.scalar(maskValue)).max(features, false);
        Tensor keep = mask;
        for (int i = 0; i < features.length; i++) {
            keep = keep.unsqueeze(-1);
        }
        return Masks.attach(input.mul(keep), mask);
    }

    /** The value that marks padding. */
    public float maskValue() {
        return maskValue;
    }

    @Override
    protected String describe() {
        return "maskValue=" + maskValue;
    }
}
