package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** The 1 / (1 + e^-x) activation. Any shape → same shape. */
public class Sigmoid extends Activation {

    /** The activation layer. */
    public Sigmoid() {
        super(Tensor::sigmoid);
    }
}
