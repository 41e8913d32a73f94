package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HuberTest {

    private static final Tensor PREDICTIONS = Tensor.of(new float[] {0.2f, -0.4f, 1.7f, -3f, 0.9f, 2.6f}, 2, 3);
    private static final Tensor TARGETS = Tensor.zeros(2, 3);

    @Test
    void isQuadraticInsideDeltaAndLinearOutside() {
        Tensor losses = new Huber(1f, Reduction.NONE).apply(Tensor.of(0.5f, -3f), Tensor.of(0f, 0f));
        assertArrayEquals(new float[] {0.125f, 2.5f}, losses.toFloatArray(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("huber")) {
            LossAssertions.assertMatchesPyTorch(c, r -> new Huber(c.number("delta", 1f), r));
        }
    }

    @Test
    void reductionsAgree() {
        Tensor none = new Huber(0.5f, Reduction.NONE).apply(PREDICTIONS, TARGETS);
        assertEquals(PREDICTIONS.shape(), none.shape());
        assertEquals(none.sum().item(), new Huber(0.5f, Reduction.SUM).apply(PREDICTIONS, TARGETS).item(), 1e-6f);
        assertEquals(none.mean().item(), new Huber(0.5f).apply(PREDICTIONS, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesOnBothSidesOfDelta() {
        for (float delta : new float[] {1f, 0.5f, 2f}) {
            Tensor p = Tensor.of(PREDICTIONS.toFloatArray(), 2, 3).requiresGrad(true);
            GradCheck.assertGradients(in -> new Huber(delta, Reduction.NONE).apply(in[0], TARGETS), p);
        }
    }

    @Test
    void rejectsANonPositiveDeltaAndMismatchedShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Huber(0f));
        assertEquals("Huber: delta must be positive and finite, got 0.0", e.getMessage());
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new Huber().apply(Tensor.zeros(3), Tensor.zeros(4)));
        assertTrue(shapes.getMessage().startsWith("Huber: predictions [3] and targets [4]"), shapes.getMessage());
    }
}
