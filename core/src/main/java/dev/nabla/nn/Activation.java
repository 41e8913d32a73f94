package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A parameter-free layer applying one elementwise function; the base of {@link Relu},
 * {@link Sigmoid} and the other activation layers. Any shape in, the same shape out.
 */
public abstract class Activation extends Layer {

    private final UnaryOperator<Tensor> function;

    protected Activation(UnaryOperator<Tensor> function) {
        this.function = function;
    }

    @Override
    protected Tensor call(Tensor input) {
        return function.apply(input);
    }

    /** Each element on its own: a mask on the input holds for the output. */
    @Override
    protected boolean passesMask() {
        return true;
    }
}
