package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * The elementwise sum of its inputs (Keras {@code Add}; in PyTorch, {@code a + b}), for
 * residual connections: {@code [s], [s], ... → [s]}. Shapes broadcast as in NumPy, as
 * Keras's merge layers allow for sizes of 1. Called with {@code forward(List.of(a, b))}.
 */
public class Add extends Merge {

    /** A sum of any number of inputs. */
    public Add() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return elementwise(inputs, Tensor::add);
    }
}
