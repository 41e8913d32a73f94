package dev.nabla.nn;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The base of layers that combine several inputs into one ({@link Add}, {@link Multiply},
 * {@link Concatenate}); they are called with {@link #forward(List)} and have no parameters.
 */
abstract class Merge extends Layer {

    /** Combines the inputs, which number at least one and have been checked for presence. */
    abstract Tensor merge(List<Tensor> inputs);

    @Override
    public final Tensor forward(List<Tensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(path() + ": needs at least one input, got none");
        }
        return merge(inputs);
    }

    @Override
    protected final Tensor call(Tensor input) {
        throw new AdvisedException(path(), "takes a list of inputs",
                "call forward(List.of(a, b, ...)); it was given one tensor of shape " + input.shape(),
                "list the layers it joins in a graph, as in inputs: [a, b]; it was given one input of shape "
                        + input.shape());
    }

    /** The shapes of all inputs, for messages: {@code [2, 3] and [2, 4]}. */
    static String shapes(List<Tensor> inputs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            s.append(i == 0 ? "" : i == inputs.size() - 1 ? " and " : ", ").append(inputs.get(i).shape());
        }
        return s.toString();
    }

    /** Applies {@code op} left to right after checking that the shapes broadcast together (NumPy's rules). */
    final Tensor elementwise(List<Tensor> inputs, BinaryOperator<Tensor> op) {
        int rank = inputs.stream().mapToInt(Tensor::rank).max().orElse(0);
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (Tensor t : inputs) {
            Shape s = t.shape();
            for (int i = 1; i <= s.rank(); i++) {
                int d = s.dim(-i);
                if (d != 1 && out[rank - i] != 1 && d != out[rank - i]) {
                    throw new IllegalArgumentException(path() + ": inputs of shapes " + shapes(inputs)
                            + " cannot be broadcast together (dimension " + (-i) + " has sizes "
                            + out[rank - i] + " and " + d + ")");
                }
                out[rank - i] = d == 1 ? out[rank - i] : d;
            }
        }
        Tensor result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = op.apply(result, inputs.get(i));
        }
        return result;
    }
}
