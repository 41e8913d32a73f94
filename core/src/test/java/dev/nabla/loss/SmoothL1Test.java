package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SmoothL1Test {

    private static final Tensor PREDICTIONS = Tensor.of(new float[] {0.2f, -0.4f, 1.7f, -3f, 0.9f, 2.6f}, 2, 3);
    private static final Tensor TARGETS = Tensor.zeros(2, 3);

    @Test
    void isHuberDividedByBeta() {
        Tensor smooth = new SmoothL1(0.5f, Reduction.NONE).apply(PREDICTIONS, TARGETS);
        Tensor huber = new Huber(0.5f, Reduction.NONE).apply(PREDICTIONS, TARGETS).div(0.5f);
        assertArrayEquals(huber.toFloatArray(), smooth.toFloatArray(), 1e-6f);
    }

    @Test
    void betaZeroIsTheAbsoluteDifference() {
        Tensor losses = new SmoothL1(0f, Reduction.NONE).apply(PREDICTIONS, TARGETS);
        assertArrayEquals(PREDICTIONS.abs().toFloatArray(), losses.toFloatArray());
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("smooth_l1")) {
            LossAssertions.assertMatchesPyTorch(c, r -> new SmoothL1(c.number("beta", 1f), r));
        }
    }

    @Test
    void reductionsAgree() {
        Tensor none = new SmoothL1(1f, Reduction.NONE).apply(PREDICTIONS, TARGETS);
        assertEquals(none.sum().item(), new SmoothL1(1f, Reduction.SUM).apply(PREDICTIONS, TARGETS).item(), 1e-6f);
        assertEquals(none.mean().item(), new SmoothL1().apply(PREDICTIONS, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (float beta : new float[] {1f, 0.5f, 0f}) {
            Tensor p = Tensor.of(PREDICTIONS.toFloatArray(), 2, 3).requiresGrad(true);
            GradCheck.assertGradients(in -> new SmoothL1(beta, Reduction.NONE).apply(in[0], TARGETS), p);
        }
    }

    @Test
    void rejectsANegativeBeta() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SmoothL1(-1f));
        assertEquals("SmoothL1: beta must be finite and ≥ 0, got -1.0", e.getMessage());
    }
}
