package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** The hyperbolic tangent activation. Any shape → same shape. */
public class Tanh extends Activation {

    /** The activation layer. */
    public Tanh() {
        super(Tensor::tanh);
    }
}
