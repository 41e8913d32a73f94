package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** The ReLU, max(x, 0) activation. Any shape → same shape. */
public class Relu extends Activation {

    /** The activation layer. */
    public Relu() {
        super(Tensor::relu);
    }
}
