package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalCrossEntropyTest {

    private static final Tensor ONE_HOT = Tensor.of(new float[] {1f, 0f, 2f}).oneHot(4);

    private static CategoricalCrossEntropy lossFor(TorchFixture c, Reduction reduction) {
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy().fromLogits(c.flag("fromLogits"))
                .labelSmoothing(c.number("labelSmoothing", 0f)).reduction(reduction);
        return c.has("classWeights") ? loss.classWeights(c.tensor("classWeights")) : loss;
    }

    @Test
    void isMinusTheLogOfTheTrueClassProbability() {
        Tensor p = Tensor.of(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.1f, 0.8f}});
        Tensor t = Tensor.of(new float[][] {{1f, 0f, 0f}, {0f, 0f, 1f}});
        Tensor losses = new CategoricalCrossEntropy().reduction(Reduction.NONE).apply(p, t);
        assertArrayEquals(new float[] {(float) -Math.log(0.7), (float) -Math.log(0.8)}, losses.toFloatArray(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("categorical_cross_entropy")) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void reductionsGiveTheMeanTheSumOrOneValuePerSample() {
        Tensor logits = Tensor.randn(new Generator(3), 3, 4);
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy().fromLogits(true);
        Tensor none = loss.reduction(Reduction.NONE).apply(logits, ONE_HOT);
        assertEquals(Shape.of(3), none.shape());
        assertEquals(none.sum().item(), loss.reduction(Reduction.SUM).apply(logits, ONE_HOT).item(), 1e-5f);
        assertEquals(none.mean().item(), loss.apply(logits, ONE_HOT).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        Tensor weights = Tensor.of(0.5f, 2f, 1f, 3f);
        Tensor soft = Tensor.uniform(new Generator(9), 0.1f, 1f, 3, 4).softmax(-1);
        List<CategoricalCrossEntropy> losses = List.of(new CategoricalCrossEntropy(),
                new CategoricalCrossEntropy().labelSmoothing(0.1f).classWeights(weights),
                new CategoricalCrossEntropy().fromLogits(true),
                new CategoricalCrossEntropy().fromLogits(true).labelSmoothing(0.2f).classWeights(weights));
        for (CategoricalCrossEntropy loss : losses) {
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
        Tensor logits = Tensor.of(new float[][] {{100f, -100f, 0f, 3f}, {-100f, 100f, 100f, -100f}, {0f, 0f, 0f, 100f}});
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy().fromLogits(true).labelSmoothing(0.1f);
        LossAssertions.assertFiniteWithGradient(loss, logits, ONE_HOT);
        float wrong = new CategoricalCrossEntropy().fromLogits(true).reduction(Reduction.NONE)
                .apply(logits, ONE_HOT).toFloatArray()[0];
        assertEquals(200f, wrong, 1e-3f);
    }

    @Test
    void probabilitiesOfExactlyZeroAreClamped() {
        Tensor p = Tensor.of(new float[][] {{1f, 0f, 0f, 0f}, {0f, 0f, 1f, 0f}, {0f, 0f, 0f, 1f}});
        LossAssertions.assertFiniteWithGradient(new CategoricalCrossEntropy(), p, ONE_HOT);
    }

    @Test
    void errorsNameTheLossAndTheShapes() {
        var labels = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossEntropy().apply(Tensor.zeros(32, 10), Tensor.zeros(32)));
        assertEquals("CategoricalCrossEntropy: predictions [32, 10] and targets [32] differ in shape;"
                + " for integer class labels use SparseCategoricalCrossEntropy", labels.getMessage());
        assertEquals("predictions [32, 10] and targets [32] differ in shape; the model must give predictions of the"
                + " targets' shape, [32] (its last layer's units); for integer class labels use loss:"
                + " sparse_categorical_crossentropy", ((AdvisedException) labels).fileMessage());
        var weights = assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossEntropy()
                .classWeights(Tensor.ones(3)).apply(Tensor.zeros(2, 4), Tensor.zeros(2, 4)));
        assertTrue(weights.getMessage().startsWith("CategoricalCrossEntropy: classWeights [3] should hold one"
                + " value per class, shape [4]"), weights.getMessage());
    }
}
