package dev.nabla.tensor;

import static dev.nabla.tensor.TestTensors.leaf;
import static dev.nabla.tensor.TestTensors.leafDistinct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient checks of the reductions and the softmax family, on inputs of shape [2, 3, 4]. */
class ReductionsGradientTest {

    private final Generator gen = new Generator(11);

    /** One axis, a negative axis, several axes, and all of them, each with and without keepDim. */
    static Stream<Arguments> axes() {
        int[][] axes = {{0}, {1}, {-1}, {0, 2}, {2, 1}, {0, 1, 2}};
        return Stream.of(axes).flatMap(a -> Stream.of(arguments(a, false), arguments(a, true)));
    }

    private Tensor input() {
        return leaf(gen, -2f, 2f, 2, 3, 4);
    }

    @ParameterizedTest
    @MethodSource("axes")
    void sum(int[] axes, boolean keepDim) {
        GradCheck.assertGradients(in -> in[0].sum(axes, keepDim), input());
    }

    @ParameterizedTest
    @MethodSource("axes")
    void mean(int[] axes, boolean keepDim) {
        GradCheck.assertGradients(in -> in[0].mean(axes, keepDim), input());
    }

    @ParameterizedTest
    @MethodSource("axes")
    void max(int[] axes, boolean keepDim) {
        GradCheck.assertGradients(in -> in[0].max(axes, keepDim), leafDistinct(gen, 2, 3, 4));
    }

    @ParameterizedTest
    @MethodSource("axes")
    void min(int[] axes, boolean keepDim) {
        GradCheck.assertGradients(in -> in[0].min(axes, keepDim), leafDistinct(gen, 2, 3, 4));
    }

    @Test
    void overAllElementsAndSingleAxisShorthands() {
        GradCheck.assertGradients(in -> in[0].sum(), input());
        GradCheck.assertGradients(in -> in[0].sum(1), input());
        GradCheck.assertGradients(in -> in[0].sum(-1, true), input());
        GradCheck.assertGradients(in -> in[0].mean(), input());
        GradCheck.assertGradients(in -> in[0].mean(0), input());
        GradCheck.assertGradients(in -> in[0].mean(2, true), input());
        GradCheck.assertGradients(in -> in[0].max(), leafDistinct(gen, 2, 3, 4));
        GradCheck.assertGradients(in -> in[0].max(1, false), leafDistinct(gen, 2, 3, 4));
        GradCheck.assertGradients(in -> in[0].min(), leafDistinct(gen, 2, 3, 4));
        GradCheck.assertGradients(in -> in[0].min(-1, true), leafDistinct(gen, 2, 3, 4));
    }

    @Test
    void tiedExtremesShareTheGradient() {
        Tensor x = Tensor.of(1f, 3f, 3f, -2f).requiresGrad(true);
        x.max().backward();
        PointwiseGradientTest.assertValues(x.grad(), 0f, 0.5f, 0.5f, 0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void varianceAndStandardDeviation(int correction) {
        for (int[] axes : new int[][] {{1}, {0, 2}, {0, 1, 2}}) {
            for (boolean keepDim : new boolean[] {false, true}) {
                GradCheck.assertGradients(in -> in[0].var(axes, correction, keepDim), input());
                GradCheck.assertGradients(in -> in[0].std(axes, correction, keepDim), input());
            }
        }
    }

    @Test
    void varianceAndStandardDeviationOfAllElements() {
        GradCheck.assertGradients(in -> in[0].var(), input());
        GradCheck.assertGradients(in -> in[0].std(), input());
    }

    @ParameterizedTest
    @MethodSource("axes")
    void logSumExp(int[] axes, boolean keepDim) {
        GradCheck.assertGradients(in -> in[0].logSumExp(axes, keepDim), input());
    }

    @Test
    void logSumExpOverOneAxis() {
        GradCheck.assertGradients(in -> in[0].logSumExp(1, false), input());
        GradCheck.assertGradients(in -> in[0].logSumExp(-1, true), input());
    }

    /** Distinct magnitudes away from zero: |x| and the max of |x| are smooth there. */
    @ParameterizedTest
    @ValueSource(floats = {0.5f, 1f, 2f, 3f, Float.POSITIVE_INFINITY})
    void norm(float p) {
        GradCheck.assertGradients(in -> in[0].norm(p, new int[] {-1}, false), leafDistinct(gen, 2, 3, 4));
        GradCheck.assertGradients(in -> in[0].norm(p, new int[] {0, 2}, true), leafDistinct(gen, 2, 3, 4));
        GradCheck.assertGradients(in -> in[0].norm(p, new int[] {0, 1, 2}, false), leafDistinct(gen, 2, 3, 4));
    }

    @Test
    void euclideanNormOfAllElements() {
        GradCheck.assertGradients(in -> in[0].norm(), input());
    }

    /** As in PyTorch: 0 rather than 0/0 = NaN, so a zero vector does not poison training. */
    @ParameterizedTest
    @ValueSource(floats = {0.5f, 1f, 2f, 3f, Float.POSITIVE_INFINITY})
    void normOfZerosHasZeroGradient(float p) {
        Tensor x = Tensor.of(new float[] {0f, 0f, 0f, 1f, 0f, -2f}, 2, 3).requiresGrad(true);
        x.norm(p, new int[] {1}, false).sum().backward();
        PointwiseGradientTest.assertValues(x.grad().slice(0, 0, 1), 0f, 0f, 0f);
        assertEquals(0f, x.grad().get(1, 1), "a zero element of a nonzero row");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    void softmax(int axis) {
        GradCheck.assertGradients(in -> in[0].softmax(axis), input());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    void logSoftmax(int axis) {
        GradCheck.assertGradients(in -> in[0].logSoftmax(axis), input());
    }

    @Test
    void reductionsOfStridedInputs() {
        Tensor x = leaf(gen, -2f, 2f, 4, 3, 6);
        GradCheck.assertGradients(in -> in[0].transpose(0, 2).sum(new int[] {0, 1}, false), x);
        GradCheck.assertGradients(in -> in[0].slice(2, 0, 6, 2).mean(1, true), x);
        GradCheck.assertGradients(in -> in[0].transpose(1, 2).var(new int[] {1}, 1, false), x);
        GradCheck.assertGradients(in -> in[0].permute(2, 0, 1).logSumExp(0, false), x);
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).softmax(-1), x);
        GradCheck.assertGradients(in -> in[0].slice(2, 1, 6, 2).logSoftmax(1), x);
        GradCheck.assertGradients(in -> in[0].transpose(0, 2).max(new int[] {1}, false), leafDistinct(gen, 4, 3, 6));
        GradCheck.assertGradients(in -> in[0].slice(0, 0, 4, 3).min(2, true), leafDistinct(gen, 4, 3, 6));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).norm(3f, new int[] {2}, false), leafDistinct(gen, 4, 3, 6));
    }
}
