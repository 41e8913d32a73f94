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

    /** The case's options: input (default from fromLogits), logTarget, elementwise. */
    private static KullbackLeiblerDivergence lossFor(TorchFixture c, Reduction reduction) {
        KullbackLeiblerDivergence loss = c.hasOption("input")
                ? new KullbackLeiblerDivergence().input(KullbackLeiblerDivergence.Input.valueOf(c.option("input")))
                : new KullbackLeiblerDivergence().fromLogits(c.flag("fromLogits"));
        return loss.logTarget(c.flag("logTarget")).elementwise(c.flag("elementwise")).reduction(reduction);
    }

    @Test
    void matchesPyTorchInEveryInputModeAndReduction() {
        List<TorchFixture> cases = LossAssertions.cases("kullback_leibler_divergence");
        assertEquals(6, cases.size(), "probabilities, logits and four log-probability cases");
        for (TorchFixture c : cases) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void logProbabilitiesHavePyTorchsGradientMinusTargetOverN() {
        for (TorchFixture c : LossAssertions.cases("kullback_leibler_divergence/log_probabilities")) {
            Tensor x = c.leaf("predictions");
            lossFor(c, Reduction.SUM).apply(x, c.tensor("targets")).backward();
            c.assertGradient("grad_predictions_sum", x.grad());
        }
        Tensor logP = Tensor.uniform(new Generator(2), 0.1f, 1f, 2, 3).softmax(-1).log().detach().requiresGrad(true);
        KullbackLeiblerDivergence.pyTorch().apply(logP, TARGETS).backward();
        assertTrue(logP.grad().allClose(TARGETS.div(-2f)), logP.grad().toString());
    }

    @Test
    void logitsAndLogProbabilitiesGiveTheSameValueForNormalisedInputs() {
        Tensor p = Tensor.uniform(new Generator(2), 0.1f, 1f, 2, 3).softmax(-1);
        float fromProbabilities = new KullbackLeiblerDivergence().apply(p, TARGETS).item();
        float fromLogits = new KullbackLeiblerDivergence().fromLogits(true).apply(p.log(), TARGETS).item();
        float fromLogProbabilities = KullbackLeiblerDivergence.pyTorch().apply(p.log(), TARGETS).item();
        assertEquals(fromProbabilities, fromLogits, 1e-6f);
        assertEquals(fromProbabilities, fromLogProbabilities, 1e-6f);
    }

    @Test
    void reductionsGiveTheMeanTheSumOrOneValuePerSample() {
        Tensor logits = Tensor.randn(new Generator(3), 2, 3);
        KullbackLeiblerDivergence kl = new KullbackLeiblerDivergence().fromLogits(true).reduction(Reduction.NONE);
        Tensor none = kl.apply(logits, TARGETS);
        assertEquals(Shape.of(2), none.shape());
        assertEquals(none.sum().item(), kl.reduction(Reduction.SUM).apply(logits, TARGETS).item(), 1e-6f);
        assertEquals(none.mean().item(), kl.reduction(Reduction.MEAN).apply(logits, TARGETS).item(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor probabilities = Tensor.uniform(new Generator(4), 0.05f, 0.95f, 2, 3).requiresGrad(true);
        GradCheck.assertGradients(in -> new KullbackLeiblerDivergence().reduction(Reduction.NONE).apply(in[0], TARGETS),
                probabilities);
        Tensor logits = Tensor.randn(new Generator(5), 2, 3).mul(2f).detach().requiresGrad(true);
        GradCheck.assertGradients(in -> new KullbackLeiblerDivergence().fromLogits(true).reduction(Reduction.NONE)
                .apply(in[0], TARGETS), logits);
        Tensor logTargets = TARGETS.add(0.1f).div(1.3f).log();
        GradCheck.assertGradients(in -> KullbackLeiblerDivergence.pyTorch().logTarget(true).elementwise(true)
                .reduction(Reduction.NONE).apply(in[0], logTargets), logits.logSoftmax(-1).detach().requiresGrad(true));
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
