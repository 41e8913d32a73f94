package dev.nabla.nn.init;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * Creates a parameter's starting values from its shape. Factories for the usual schemes
 * are in {@link Initializers}.
 */
@FunctionalInterface
public interface Initializer {

    /** A new tensor of the given shape, drawing randomness from {@code generator}. */
    Tensor initialize(Shape shape, Generator generator);

    /**
     * Fan in: inputs feeding one output unit; fan out: outputs fed by one input, computed
     * as PyTorch does for weights laid out {@code [out, in, kernel...]}: fan in =
     * {@code in × prod(kernel)}, fan out = {@code out × prod(kernel)}.
     */
    record Fans(int in, int out) {
        /** The fans of a weight of the given shape (at least 2 dimensions; a 1-d shape counts as fan in = fan out). */
        public static Fans of(Shape shape) {
            if (shape.rank() == 0) {
                throw new IllegalArgumentException("fan in and fan out are undefined for a scalar");
            }
            if (shape.rank() == 1) {
                return new Fans(shape.dim(0), shape.dim(0));
            }
            int receptive = 1;
            for (int i = 2; i < shape.rank(); i++) {
                receptive *= shape.dim(i);
            }
            return new Fans(shape.dim(1) * receptive, shape.dim(0) * receptive);
        }
    }
}
