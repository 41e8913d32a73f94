package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * A trainable tensor owned by a layer (PyTorch's {@code nn.Parameter}, Keras's weight).
 * Its tensor is a leaf that requires grad while the parameter is trainable; optimizers
 * update it in place, so the identity of {@link #value()} never changes.
 */
public final class Parameter {

    private final Tensor value;
    private boolean trainable = true;

    /** A parameter holding a copy of {@code initial}'s values. */
    public Parameter(Tensor initial) {
        this.value = Tensor.of(initial.toFloatArray(), initial.shape().toArray()).requiresGrad(true);
    }

    /** The tensor to compute with. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /** The shape. */
    public Shape shape() {
        return value.shape();
    }

    /** The number of elements. */
    public int size() {
        return value.size();
    }

    /** Whether optimizers update it and gradients flow to it. */
    public boolean isTrainable() {
        return trainable;
    }

    void setTrainable(boolean trainable) {
        this.trainable = trainable;
        value.requiresGrad(trainable);
        if (!trainable) {
            value.zeroGrad();
        }
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    @Override
    public String toString() {
        return "Parameter" + value.shape();
    }
}
