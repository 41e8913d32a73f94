package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KullbackLeiblerDivergenceTest {

    private static final Tensor TARGETS = Tensor.of(new float[][] {{0.2f, 0.3f, 0.5f}, {0f, 0.6f, 0.4f}});

    @Test
    void isZeroForIdenticalDistributionsAndPositiveOtherwise() {
        KullbackLeiblerDivergence kl = new KullbackLeiblerDivergence();
        assertEquals(0f, kl.apply(TARGETS.add(TARGETS.eq(0f).mul(1e-7f)), TARGETS).item(), 1e-6f);
        float expected = (float) (0.5 * Math.log(0.5 / (1.0 / 3)) + 0.5 * Math.log(0.5 / (2.0 / 3)));
        Tensor value = kl.apply(Tensor.of(1f / 3f, 2f / 3f), Tensor.of(0.5f, 0.5f));
        assertEquals(expected, value.item(), 1e-6f);
    }

    @Test
    void matchesPyTorchBatchMean() {
        for (TorchFixture c : LossAssertions.cases("kullback_leibler_divergence")) {
            LossAssertions.assertMatchesPyTorch(c, r -> new KullbackLeiblerDivergence(c.flag("fromLogits"), r));
        }
    }

    @Test
    void fromLogitsAcceptsLogProbabilitiesAsPyTorchDoes() {
        Tensor p = Tensor.uniform(new Generator(2), 0.1f, 1f, 2, 3).softmax(-1);
        float fromProbabilities = new KullbackLeiblerDivergence().apply(p, TARGETS).item();
        float fromLogProbabilities = new KullbackLeiblerDivergence().fromLogits(true).apply(p.log(), TARGETS).item();
        assertEquals(fromProbabilities, fromLogProbabilities, 1e-6f);
    }

    @Test
    void reductionsGiveTheMeanTheSumOrOneValuePerSample() {
        Tensor logits = Tensor.randn(new Generator(3), 2, 3);
        KullbackLeiblerDivergence kl = new KullbackLeiblerDivergence(true, Reduction.NONE);
        Tensor none = kl.apply(logits, TARGETS);
        assertEquals(Shape.of(2), none.shape());
        assertEquals(none.sum().item(), kl.reduction(Reduction.SUM).apply(logits, TARGETS).item(), 1e-6f);
        assertEquals(none.mean().item(), kl.reduction(Reduction.MEAN).apply(logits, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor probabilities = Tensor.uniform(new Generator(4), 0.05f, 0.95f, 2, 3).requiresGrad(true);
        GradCheck.assertGradients(in -> new KullbackLeiblerDivergence(false, Reduction.NONE).apply(in[0], TARGETS),
                probabilities);
        Tensor logits = Tensor.randn(new Generator(5), 2, 3).mul(2f).detach().requiresGrad(true);
        GradCheck.assertGradients(in -> new KullbackLeiblerDivergence(true, Reduction.NONE).apply(in[0], TARGETS),
                logits);
    }

    @Test
    void extremeInputsGiveFiniteLossesAndGradients() {
        Tensor logits = Tensor.of(new float[][] {{100f, -100f, 0f}, {-100f, 100f, -100f}});
        LossAssertions.assertFiniteWithGradient(new KullbackLeiblerDivergence().fromLogits(true), logits, TARGETS);
        Tensor probabilities = Tensor.of(new float[][] {{1f, 0f, 0f}, {0f, 0f, 1f}});
        LossAssertions.assertFiniteWithGradient(new KullbackLeiblerDivergence(), probabilities, TARGETS);
    }

    @Test
    void shapeErrorNamesTheLossAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KullbackLeiblerDivergence().apply(Tensor.zeros(2, 4), TARGETS));
        assertTrue(e.getMessage().startsWith("KullbackLeiblerDivergence: predictions [2, 4] and targets [2, 3]"),
                e.getMessage());
    }
}
