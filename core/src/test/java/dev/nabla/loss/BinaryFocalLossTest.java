package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryFocalLossTest {

    private static final Tensor TARGETS = Tensor.of(new float[] {1f, 0f, 1f, 0f, 0f, 1f}, 2, 3);

    private static BinaryFocalLoss lossFor(TorchFixture c, Reduction reduction) {
        BinaryFocalLoss loss = new BinaryFocalLoss().fromLogits(c.flag("fromLogits")).gamma(c.number("gamma", 2f))
                .reduction(reduction);
        return c.hasOption("alpha") ? loss.alpha(c.number("alpha", 0f)) : loss;
    }

    @Test
    void gammaZeroWithoutBalancingIsBinaryCrossEntropy() {
        Tensor logits = Tensor.randn(new Generator(1), 2, 3);
        Tensor focal = new BinaryFocalLoss().gamma(0f).fromLogits(true).apply(logits, TARGETS);
        Tensor plain = new BinaryCrossEntropy().fromLogits(true).apply(logits, TARGETS);
        assertEquals(plain.item(), focal.item(), 1e-6f);
    }

    @Test
    void easyExamplesCountLess() {
        Tensor p = Tensor.of(0.9f, 0.6f);
        Tensor t = Tensor.of(1f, 1f);
        float[] focal = new BinaryFocalLoss().reduction(Reduction.NONE).apply(p, t).toFloatArray();
        float[] plain = new BinaryCrossEntropy().reduction(Reduction.NONE).apply(p, t).toFloatArray();
        assertArrayEquals(new float[] {0.01f * plain[0], 0.16f * plain[1]}, focal, 1e-6f);
    }

    @Test
    void matchesItsFormulaComputedWithPyTorch() {
        for (TorchFixture c : LossAssertions.cases("binary_focal_loss")) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void reductionsAgree() {
        Tensor p = Tensor.uniform(new Generator(3), 0.1f, 0.9f, 2, 3);
        BinaryFocalLoss loss = new BinaryFocalLoss().alpha(0.25f);
        Tensor none = loss.reduction(Reduction.NONE).apply(p, TARGETS);
        assertEquals(p.shape(), none.shape());
        assertEquals(none.sum().item(), loss.reduction(Reduction.SUM).apply(p, TARGETS).item(), 1e-6f);
        assertEquals(none.mean().item(), loss.apply(p, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        Tensor soft = Tensor.uniform(new Generator(7), 0f, 1f, 2, 3);
        List<BinaryFocalLoss> losses = List.of(new BinaryFocalLoss(), new BinaryFocalLoss().gamma(1.5f).alpha(0.75f),
                new BinaryFocalLoss().fromLogits(true), new BinaryFocalLoss().fromLogits(true).gamma(0.5f).alpha(0.25f));
        for (BinaryFocalLoss loss : losses) {
            Tensor x = loss.fromLogits()
                    ? Tensor.randn(new Generator(1), 2, 3).mul(2f)
                    : Tensor.uniform(new Generator(1), 0.05f, 0.95f, 2, 3);
            Tensor leaf = Tensor.of(x.toFloatArray(), 2, 3).requiresGrad(true);
            for (Tensor targets : List.of(TARGETS, soft)) {
                GradCheck.assertGradients(in -> loss.reduction(Reduction.NONE).apply(in[0], targets), leaf);
            }
        }
    }

    @Test
    void extremeLogitsGiveFiniteLossesAndGradients() {
        Tensor logits = Tensor.of(new float[] {100f, -100f, 100f, -100f, 0f, 50f}, 2, 3);
        Tensor targets = Tensor.of(new float[] {1f, 0f, 0f, 1f, 1f, 0f}, 2, 3);
        for (float gamma : new float[] {2f, 0.5f}) {
            BinaryFocalLoss loss = new BinaryFocalLoss().fromLogits(true).gamma(gamma).alpha(0.25f);
            LossAssertions.assertFiniteWithGradient(loss, logits, targets);
            float[] each = loss.reduction(Reduction.NONE).apply(logits, targets).toFloatArray();
            assertArrayEquals(new float[] {0f, 0f, 75f, 25f}, java.util.Arrays.copyOf(each, 4), 1e-3f);
        }
    }

    @Test
    void errorsNameTheLossAndTheProblem() {
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new BinaryFocalLoss().apply(Tensor.zeros(4, 1), Tensor.zeros(4)));
        assertTrue(shapes.getMessage().startsWith("BinaryFocalLoss: predictions [4, 1] and targets [4] differ"),
                shapes.getMessage());
        var gamma = assertThrows(IllegalArgumentException.class, () -> new BinaryFocalLoss().gamma(-1f));
        assertEquals("BinaryFocalLoss: gamma must be finite and ≥ 0, got -1.0", gamma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BinaryFocalLoss().alpha(2f));
    }
}
