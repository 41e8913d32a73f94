package dev.nabla.tensor;

import static dev.nabla.tensor.TestTensors.leaf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gradient checks of the ops that move elements (views, copies, joins, splits, padding). */
class MovementGradientTest {

    private final Generator gen = new Generator(13);

    private Tensor input(int... shape) {
        return leaf(gen, -2f, 2f, shape);
    }

    @Test
    void reshapeAndView() {
        GradCheck.assertGradients(in -> in[0].reshape(4, -1), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].view(6, 4), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].reshape(), input(1, 1));
        GradCheck.assertGradients(in -> in[0].transpose(0, 2).reshape(-1, 6), input(2, 3, 4));
    }

    @Test
    void flatten() {
        GradCheck.assertGradients(in -> in[0].flatten(), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].flatten(1, 2), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].permute(2, 0, 1).flatten(0, 1), input(2, 3, 4));
    }

    @Test
    void permuteAndTranspose() {
        GradCheck.assertGradients(in -> in[0].permute(2, 0, 1), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(0, 2), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(-1, -2).permute(1, 2, 0), input(2, 3, 4));
    }

    @Test
    void squeezeAndUnsqueeze() {
        GradCheck.assertGradients(in -> in[0].squeeze(), input(3, 1, 4, 1));
        GradCheck.assertGradients(in -> in[0].squeeze(1), input(3, 1, 4));
        GradCheck.assertGradients(in -> in[0].unsqueeze(0), input(3, 4));
        GradCheck.assertGradients(in -> in[0].unsqueeze(-1), input(3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).unsqueeze(1), input(3, 4));
    }

    @Test
    void expandAndBroadcastToSumTheCopiesBack() {
        GradCheck.assertGradients(in -> in[0].expand(2, 3, 4), input(3, 1));
        GradCheck.assertGradients(in -> in[0].expand(-1, 5), input(3, 1));
        GradCheck.assertGradients(in -> in[0].broadcastTo(Shape.of(2, 3, 4)), input(1, 4));
        GradCheck.assertGradients(in -> in[0].slice(1, 0, 1).expand(3, 4), input(3, 2));
    }

    @Test
    void slice() {
        GradCheck.assertGradients(in -> in[0].slice(1, 1, 4), input(3, 5));
        GradCheck.assertGradients(in -> in[0].slice(1, 0, 5, 2), input(3, 5));
        GradCheck.assertGradients(in -> in[0].slice(0, -2, 3).slice(1, 1, 5, 3), input(3, 5));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).slice(0, 1, 5, 2), input(3, 5));
    }

    @Test
    void concatAndStack() {
        Tensor a = input(2, 3);
        Tensor b = input(2, 1);
        Tensor c = input(2, 4);
        GradCheck.assertGradients(in -> Tensor.concat(1, in[0], in[1], in[2]), a, b, c);
        GradCheck.assertGradients(in -> Tensor.concat(0, in[0].transpose(0, 1), in[1].transpose(0, 1)), a, b);
        Tensor d = input(2, 3);
        for (int axis : new int[] {0, 1, 2, -1}) {
            GradCheck.assertGradients(in -> Tensor.stack(axis, in[0], in[1]), a, d);
        }
        GradCheck.assertGradients(in -> Tensor.stack(0, in[0], in[1].transpose(0, 1)), input(3, 2), d);
    }

    /** The pieces are joined again in reverse order, so each piece's gradient must find its way back. */
    @Test
    void splitAndChunk() {
        GradCheck.assertGradients(in -> reversed(1, in[0].split(2, 1)), input(3, 5));
        GradCheck.assertGradients(in -> reversed(0, in[0].split(new int[] {1, 0, 3}, 0)), input(4, 2));
        GradCheck.assertGradients(in -> reversed(-1, in[0].chunk(3, -1)), input(2, 7));
        GradCheck.assertGradients(in -> reversed(0, in[0].transpose(0, 1).chunk(2, 0)), input(3, 5));
    }

    private static Tensor reversed(int axis, List<Tensor> pieces) {
        return Tensor.concat(axis, pieces.reversed().toArray(Tensor[]::new));
    }

    @ParameterizedTest
    @EnumSource(PadMode.class)
    void pad(PadMode mode) {
        GradCheck.assertGradients(in -> in[0].pad(new int[] {1, 2}, mode, 0.5f), input(2, 4));
        GradCheck.assertGradients(in -> in[0].pad(new int[] {2, 1, 1, 2}, mode, 0f), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(0, 2).pad(new int[] {0, 1, 1, 0}, mode, 0f), input(2, 3, 4));
    }

    @Test
    void padWithZeros() {
        GradCheck.assertGradients(in -> in[0].pad(1, 1, 0, 2), input(3, 4));
    }

    @Test
    void flip() {
        GradCheck.assertGradients(in -> in[0].flip(0), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].flip(0, -1), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).flip(1), input(2, 3, 4));
    }

    @Test
    void repeat() {
        GradCheck.assertGradients(in -> in[0].repeat(2, 3), input(2, 3));
        GradCheck.assertGradients(in -> in[0].repeat(2, 1, 3), input(2, 3));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).repeat(1, 2), input(2, 3));
    }

    @Test
    void contiguous() {
        GradCheck.assertGradients(in -> in[0].contiguous(), input(2, 3));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).contiguous(), input(2, 3));
        GradCheck.assertGradients(in -> in[0].slice(1, 0, 5, 2).contiguous().exp(), input(2, 5));
    }

    @Test
    void chainRuleThroughPermuteAndReshape() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor weights = Tensor.arange(6).reshape(6);
        x.permute(1, 0).reshape(6).mul(weights).sum().backward();
        // x[i][j] lands at flat position 2j + i of the transposed, flattened tensor.
        PointwiseGradientTest.assertValues(x.grad(), 0f, 2f, 4f, 1f, 3f, 5f);
    }
}
