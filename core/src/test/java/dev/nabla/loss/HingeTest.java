package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HingeTest {

    @Test
    void penalisesScoresOnTheWrongSideOrInsideTheMargin() {
        Tensor losses = new Hinge(Reduction.NONE).apply(Tensor.of(2f, 0.5f, -1f), Tensor.of(1f, 1f, 1f));
        assertArrayEquals(new float[] {0f, 0.5f, 2f}, losses.toFloatArray());
    }

    @Test
    void readsZeroOneTargetsAsLabels() {
        Tensor p = Tensor.of(0.3f, -0.8f, 1.5f);
        Tensor fromLabels = new Hinge(Reduction.NONE).apply(p, Tensor.of(1f, 0f, 0f));
        Tensor fromSigns = new Hinge(Reduction.NONE).apply(p, Tensor.of(1f, -1f, -1f));
        assertArrayEquals(fromSigns.toFloatArray(), fromLabels.toFloatArray());
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("hinge")) {
            LossAssertions.assertMatchesPyTorch(c, Hinge::new);
        }
    }

    @Test
    void reductionsAgree() {
        Tensor p = Tensor.of(new float[] {0.3f, -0.8f, 1.5f, 0.2f}, 2, 2);
        Tensor t = Tensor.of(new float[] {1f, -1f, -1f, 1f}, 2, 2);
        Tensor none = new Hinge(Reduction.NONE).apply(p, t);
        assertEquals(p.shape(), none.shape());
        assertEquals(none.sum().item(), new Hinge(Reduction.SUM).apply(p, t).item(), 1e-6f);
        assertEquals(none.mean().item(), new Hinge().apply(p, t).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesAwayFromTheMargin() {
        Tensor p = Tensor.of(new float[] {0.3f, -0.8f, 1.5f, 0.2f, 2.2f, -0.4f}, 2, 3).requiresGrad(true);
        Tensor t = Tensor.of(new float[] {1f, -1f, -1f, 1f, 1f, -1f}, 2, 3);
        GradCheck.assertGradients(in -> new Hinge(Reduction.NONE).apply(in[0], t), p);
    }

    @Test
    void shapeErrorNamesTheLossAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Hinge().apply(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().startsWith("Hinge: predictions [2, 3] and targets [3, 2] differ in shape"),
                e.getMessage());
    }
}
