package dev.nabla.tensor;

import static dev.nabla.tensor.TestTensors.leaf;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient checks of matmul in every NumPy case: vectors, matrices, batches and broadcast batches. */
class MatMulGradientTest {

    private final Generator gen = new Generator(19);

    private Tensor input(int... shape) {
        return leaf(gen, -1f, 1f, shape);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                arguments(new int[] {5}, new int[] {5}),                 // vector · vector → scalar
                arguments(new int[] {5}, new int[] {5, 3}),              // vector · matrix
                arguments(new int[] {4, 5}, new int[] {5}),              // matrix · vector
                arguments(new int[] {4, 5}, new int[] {5, 3}),           // matrix · matrix
                arguments(new int[] {1, 5}, new int[] {5, 1}),           // outer sizes of 1
                arguments(new int[] {2, 4, 5}, new int[] {2, 5, 3}),     // batched
                arguments(new int[] {2, 4, 5}, new int[] {5}),           // batched · vector
                arguments(new int[] {5}, new int[] {2, 5, 3}),           // vector · batched
                arguments(new int[] {2, 3, 4, 5}, new int[] {5, 6}),     // batch broadcast, right
                arguments(new int[] {4, 5}, new int[] {2, 3, 5, 6}),     // batch broadcast, left
                arguments(new int[] {3, 1, 4, 5}, new int[] {2, 5, 6}),  // batch broadcast, both
                arguments(new int[] {17, 33}, new int[] {33, 9}));       // past SIMD and block edges
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matmul(int[] left, int[] right) {
        GradCheck.assertGradients(in -> in[0].matmul(in[1]), input(left), input(right));
    }

    @Test
    void transposedAndSlicedOperands() {
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).matmul(in[1]), input(5, 4), input(5, 3));
        GradCheck.assertGradients(in -> in[0].matmul(in[1].transpose(-1, -2)), input(2, 4, 5), input(2, 3, 5));
        GradCheck.assertGradients(in -> in[0].transpose(-1, -2).matmul(in[1].transpose(-1, -2)),
                input(2, 5, 4), input(3, 5));
        GradCheck.assertGradients(in -> in[0].slice(1, 0, 10, 2).matmul(in[1].slice(0, 1, 10, 2)),
                input(4, 10), input(10, 3));
        GradCheck.assertGradients(in -> in[0].permute(1, 0, 2).matmul(in[1]), input(4, 2, 5), input(5, 3));
    }

    @Test
    void sameOperandOnBothSides() {
        GradCheck.assertGradients(in -> in[0].matmul(in[0].transpose(0, 1)), input(3, 4));
    }
}
