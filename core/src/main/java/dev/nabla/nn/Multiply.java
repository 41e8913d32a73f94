package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * The elementwise product of its inputs (Keras {@code Multiply}; in PyTorch, {@code a * b}),
 * for gating: {@code [s], [s], ... → [s]}. Shapes broadcast as in NumPy, as Keras's merge
 * layers allow for sizes of 1. Called with {@code forward(List.of(a, b))}.
 */
public class Multiply extends Merge {

    /** A product of any number of inputs. */
    public Multiply() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return elementwise(inputs, Tensor::mul);
    }
}
