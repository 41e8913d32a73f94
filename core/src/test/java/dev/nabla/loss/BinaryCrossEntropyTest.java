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

class BinaryCrossEntropyTest {

    private static final Tensor TARGETS = Tensor.of(new float[] {1f, 0f, 1f, 0f, 0f, 1f}, 2, 3);

    private static BinaryCrossEntropy lossFor(TorchFixture c, Reduction reduction) {
        BinaryCrossEntropy loss = new BinaryCrossEntropy().fromLogits(c.flag("fromLogits"))
                .labelSmoothing(c.number("labelSmoothing", 0f)).reduction(reduction);
        return c.has("positiveWeight") ? loss.positiveWeight(c.tensor("positiveWeight")) : loss;
    }

    @Test
    void isMinusTheLogOfTheProbabilityGivenToTheTarget() {
        Tensor losses = new BinaryCrossEntropy().reduction(Reduction.NONE)
                .apply(Tensor.of(0.9f, 0.2f), Tensor.of(1f, 0f));
        assertArrayEquals(new float[] {(float) -Math.log(0.9), (float) -Math.log(0.8)}, losses.toFloatArray(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("binary_cross_entropy")) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void logitsAndProbabilitiesAgree() {
        Tensor logits = Tensor.randn(new Generator(5), 2, 3);
        BinaryCrossEntropy loss = new BinaryCrossEntropy().positiveWeight(2f).labelSmoothing(0.1f);
        assertEquals(loss.apply(logits.sigmoid(), TARGETS).item(), loss.fromLogits(true).apply(logits, TARGETS).item(),
                1e-5f);
    }

    @Test
    void reductionsGiveTheMeanTheSumOrEveryElement() {
        Tensor p = Tensor.uniform(new Generator(3), 0.1f, 0.9f, 2, 3);
        Tensor none = new BinaryCrossEntropy().reduction(Reduction.NONE).apply(p, TARGETS);
        assertEquals(p.shape(), none.shape());
        assertEquals(none.sum().item(), new BinaryCrossEntropy().reduction(Reduction.SUM).apply(p, TARGETS).item(), 1e-5f);
        assertEquals(none.mean().item(), new BinaryCrossEntropy().apply(p, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        Tensor soft = Tensor.uniform(new Generator(7), 0f, 1f, 2, 3);
        List<BinaryCrossEntropy> losses = List.of(new BinaryCrossEntropy(),
                new BinaryCrossEntropy().labelSmoothing(0.2f),
                new BinaryCrossEntropy().positiveWeight(Tensor.of(3f, 0.5f, 1.5f)),
                new BinaryCrossEntropy().fromLogits(true),
                new BinaryCrossEntropy().fromLogits(true).positiveWeight(2.5f).labelSmoothing(0.1f));
        for (BinaryCrossEntropy loss : losses) {
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
        BinaryCrossEntropy loss = new BinaryCrossEntropy().fromLogits(true).positiveWeight(3f);
        LossAssertions.assertFiniteWithGradient(loss, logits, targets);
        float[] each = loss.reduction(Reduction.NONE).apply(logits, targets).toFloatArray();
        assertArrayEquals(new float[] {0f, 0f, 100f, 300f, 3f * (float) Math.log(2), 50f}, each, 1e-4f);
    }

    @Test
    void probabilitiesOfExactlyZeroAndOneAreClamped() {
        Tensor p = Tensor.of(0f, 1f, 0f, 1f);
        Tensor t = Tensor.of(1f, 0f, 0f, 1f);
        LossAssertions.assertFiniteWithGradient(new BinaryCrossEntropy(), p, t);
        float worst = new BinaryCrossEntropy().reduction(Reduction.NONE).apply(p, t).toFloatArray()[0];
        assertEquals(-Math.log(1e-7), worst, 1e-3);
    }

    @Test
    void errorsNameTheLossAndTheShapes() {
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().apply(Tensor.zeros(8, 1), Tensor.zeros(8)));
        assertTrue(shapes.getMessage().startsWith("BinaryCrossEntropy: predictions [8, 1] and targets [8] differ"),
                shapes.getMessage());
        var weights = assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy()
                .positiveWeight(Tensor.of(1f, 2f)).apply(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
        assertEquals("BinaryCrossEntropy: positiveWeight [2] should hold one value per class, shape [3],"
                + " for predictions [4, 3]", weights.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy().labelSmoothing(1.5f));
    }
}
