package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Reshapes each sample, keeping the batch dimension (Keras {@code Reshape}):
 * {@code new Reshape(1, 28, 28)} takes {@code [N, 784] → [N, 1, 28, 28]}; one size may be -1.
 */
public class Reshape extends Layer {

    private final int[] sampleShape;

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
}
