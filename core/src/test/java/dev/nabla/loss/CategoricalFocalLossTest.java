package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalFocalLossTest {

    private static final Tensor ONE_HOT = Tensor.of(1f, 0f, 3f).oneHot(4);
    private static final Tensor WEIGHTS = Tensor.of(0.5f, 2f, 1f, 3f);

    private static CategoricalFocalLoss lossFor(TorchFixture c, Reduction reduction) {
        CategoricalFocalLoss loss = new CategoricalFocalLoss().fromLogits(c.flag("fromLogits"))
                .gamma(c.number("gamma", 2f)).reduction(reduction);
        return c.has("alpha") ? loss.alpha(c.tensor("alpha")) : loss;
    }

    @Test
    void gammaZeroIsWeightedCrossEntropy() {
        Tensor logits = Tensor.randn(new Generator(1), 3, 4);
        Tensor focal = new CategoricalFocalLoss().fromLogits(true).gamma(0f).alpha(WEIGHTS).apply(logits, ONE_HOT);
        Tensor plain = new CategoricalCrossEntropy().fromLogits(true).classWeights(WEIGHTS).apply(logits, ONE_HOT);
        assertEquals(plain.item(), focal.item(), 1e-6f);
    }

    @Test
    void matchesKerasFormulaComputedWithPyTorch() {
        for (TorchFixture c : LossAssertions.cases("categorical_focal_loss")) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void reductionsGiveTheMeanTheSumOrOneValuePerSample() {
        Tensor logits = Tensor.randn(new Generator(3), 3, 4);
        CategoricalFocalLoss loss = new CategoricalFocalLoss().fromLogits(true);
        Tensor none = loss.reduction(Reduction.NONE).apply(logits, ONE_HOT);
        assertEquals(Shape.of(3), none.shape());
        assertEquals(none.sum().item(), loss.reduction(Reduction.SUM).apply(logits, ONE_HOT).item(), 1e-6f);
        assertEquals(none.mean().item(), loss.apply(logits, ONE_HOT).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        Tensor soft = Tensor.uniform(new Generator(9), 0.1f, 1f, 3, 4).softmax(-1);
        List<CategoricalFocalLoss> losses = List.of(new CategoricalFocalLoss(),
                new CategoricalFocalLoss().gamma(1f).alpha(WEIGHTS),
                new CategoricalFocalLoss().fromLogits(true),
                new CategoricalFocalLoss().fromLogits(true).gamma(0.5f).alpha(WEIGHTS));
        for (CategoricalFocalLoss loss : losses) {
            Tensor x = loss.fromLogits()
                    ? Tensor.randn(new Generator(2), 3, 4).mul(2f)
                    : Tensor.uniform(new Generator(2), 0.05f, 0.95f, 3, 4);
            Tensor leaf = Tensor.of(x.toFloatArray(), 3, 4).requiresGrad(true);
            for (Tensor targets : List.of(ONE_HOT, soft)) {
                GradCheck.assertGradients(in -> loss.reduction(Reduction.NONE).apply(in[0], targets), leaf);
            }
        }
    }

    @Test
    void extremeLogitsGiveFiniteLossesAndGradients() {
        Tensor logits = Tensor.of(new float[][] {{100f, -100f, 0f, 3f}, {100f, -100f, -100f, -100f}, {0f, 0f, 0f, 100f}});
        for (float gamma : new float[] {2f, 0.5f}) {
            CategoricalFocalLoss loss = new CategoricalFocalLoss().fromLogits(true).gamma(gamma).alpha(WEIGHTS);
            LossAssertions.assertFiniteWithGradient(loss, logits, ONE_HOT);
            assertEquals(2f * 200f / 3f, loss.apply(logits, ONE_HOT).item(), 1e-2f, "one sample wrong by 200 nats");
        }
    }

    @Test
    void errorsNameTheLossAndTheShapes() {
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalFocalLoss().apply(Tensor.zeros(3, 4), Tensor.zeros(3)));
        assertTrue(shapes.getMessage().startsWith("CategoricalFocalLoss: predictions [3, 4] and targets [3] differ"),
                shapes.getMessage());
        var alpha = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalFocalLoss().alpha(Tensor.ones(5)).apply(Tensor.zeros(3, 4), ONE_HOT));
        assertTrue(alpha.getMessage().startsWith("CategoricalFocalLoss: alpha [5] should hold one value per class"),
                alpha.getMessage());
    }
}
