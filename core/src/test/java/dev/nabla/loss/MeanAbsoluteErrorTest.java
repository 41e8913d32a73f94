package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanAbsoluteErrorTest {

    @Test
    void averagesTheAbsoluteDifferences() {
        Tensor loss = new MeanAbsoluteError().apply(Tensor.of(1f, 2f, 3f), Tensor.of(1f, 0f, 6f));
        assertEquals(5f / 3f, loss.item(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("mean_absolute_error")) {
            LossAssertions.assertMatchesPyTorch(c, MeanAbsoluteError::new);
        }
    }

    @Test
    void reductionsGiveTheMeanTheSumOrEveryElement() {
        Tensor p = Tensor.of(new float[] {1f, -2f, 3f, -4f}, 2, 2);
        Tensor t = Tensor.zeros(2, 2);
        assertEquals(2.5f, new MeanAbsoluteError().apply(p, t).item(), 1e-6f);
        assertEquals(10f, new MeanAbsoluteError(Reduction.SUM).apply(p, t).item(), 1e-6f);
        Tensor none = new MeanAbsoluteError(Reduction.NONE).apply(p, t);
        assertEquals(Shape.of(2, 2), none.shape());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, none.toFloatArray());
    }

    @Test
    void gradientsMatchFiniteDifferencesAwayFromTheKink() {
        Tensor p = Tensor.of(new float[] {0.5f, -1.2f, 2f, 0.3f, -0.7f, 1.1f}, 2, 3).requiresGrad(true);
        Tensor t = Tensor.of(new float[] {0.1f, 0.4f, -1f, 1.3f, -0.2f, 0.9f}, 2, 3);
        GradCheck.assertGradients(in -> new MeanAbsoluteError(Reduction.NONE).apply(in[0], t), p);
        GradCheck.assertGradients(in -> new MeanAbsoluteError().apply(in[0], t), p);
    }

    @Test
    void shapeErrorNamesTheLossAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanAbsoluteError().apply(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().startsWith("MeanAbsoluteError: predictions [4, 3] and targets [4, 2] differ"),
                e.getMessage());
    }
}
