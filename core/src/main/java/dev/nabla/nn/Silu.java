package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** The SiLU (Keras swish), x·sigmoid(x) activation. Any shape → same shape. */
public class Silu extends Activation {

    /** The activation layer. */
    public Silu() {
        super(Tensor::silu);
    }
}
