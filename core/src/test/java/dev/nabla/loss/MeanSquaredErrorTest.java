package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {

    @Test
    void averagesTheSquaredDifferences() {
        Tensor loss = new MeanSquaredError().apply(Tensor.of(1f, 2f, 3f), Tensor.of(1f, 0f, 6f));
        assertEquals((0f + 4f + 9f) / 3f, loss.item(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("mean_squared_error")) {
            LossAssertions.assertMatchesPyTorch(c, MeanSquaredError::new);
        }
    }

    @Test
    void reductionsGiveTheMeanTheSumOrEveryElement() {
        Tensor p = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
        Tensor t = Tensor.zeros(2, 2);
        assertEquals(7.5f, new MeanSquaredError(Reduction.MEAN).apply(p, t).item(), 1e-6f);
        assertEquals(30f, new MeanSquaredError(Reduction.SUM).apply(p, t).item(), 1e-6f);
        Tensor none = new MeanSquaredError(Reduction.NONE).apply(p, t);
        assertEquals(Shape.of(2, 2), none.shape());
        assertEquals(16f, none.get(1, 1));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor p = Tensor.randn(new Generator(1), 3, 4).requiresGrad(true);
        Tensor t = Tensor.randn(new Generator(2), 3, 4);
        GradCheck.assertGradients(in -> new MeanSquaredError(Reduction.NONE).apply(in[0], t), p);
        GradCheck.assertGradients(in -> new MeanSquaredError().apply(in[0], t), p);
    }

    @Test
    void shapeErrorNamesTheLossAndBothShapesAndSuggestsAReshape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().apply(Tensor.zeros(32, 1), Tensor.zeros(32)));
        assertTrue(e.getMessage().startsWith("MeanSquaredError: predictions [32, 1] and targets [32] differ"),
                e.getMessage());
        assertTrue(e.getMessage().contains("targets.reshape(32, 1)"), e.getMessage());
        assertEquals("predictions [32, 1] and targets [32] differ in shape; end the model with {type: flatten,"
                + " start_axis: 0} to give the targets' shape", ((AdvisedException) e).fileMessage());
        var columns = assertThrows(AdvisedException.class,
                () -> new MeanSquaredError().apply(Tensor.zeros(4, 4, 1), Tensor.zeros(4, 4)));
        assertEquals("predictions [4, 4, 1] and targets [4, 4] differ in shape; end the model with {type: reshape,"
                + " shape: [4]} to give the targets' shape", columns.fileMessage());
    }
}
