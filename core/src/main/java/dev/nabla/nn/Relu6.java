package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * min(max(x, 0), 6), the activation of MobileNet (PyTorch {@code nn.ReLU6}, Keras
 * {@code ReLU(max_value=6)}). Any shape → same shape.
 */
public class Relu6 extends Activation {

    /** The activation layer. */
    public Relu6() {
        super(x -> x.clamp(0f, 6f));
    }
}
