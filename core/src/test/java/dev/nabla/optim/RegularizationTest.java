package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegularizationTest {

    @Test
    void l2AddsFactorTimesTheSumOfSquaresWithGradientTwiceFactorTimesW() {
        Parameter w = new Parameter(Tensor.of(1f, -2f, 3f));
        Tensor penalty = new Regularization().l2(0.1f, w).penalty();
        assertEquals(0.1f * 14, penalty.item(), 1e-6f);
        penalty.backward();
        assertArrayEquals(new float[] {0.2f, -0.4f, 0.6f}, w.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void l1AddsFactorTimesTheSumOfMagnitudesWithGradientFactorTimesSign() {
        Parameter w = new Parameter(Tensor.of(1f, -2f, 3f));
        Tensor penalty = new Regularization().l1(0.5f, w).penalty();
        assertEquals(3f, penalty.item(), 1e-6f);
        penalty.backward();
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.5f}, w.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void penaltiesOnSeveralWeightsAddUp() {
        Parameter a = new Parameter(Tensor.of(2f));
        Parameter b = new Parameter(Tensor.of(-1f, 1f));
        Tensor penalty = new Regularization().l1l2(0.1f, 0.2f, a).l2(1f, b).penalty();
        assertEquals(0.1f * 2 + 0.2f * 4 + 2f, penalty.item(), 1e-6f);
    }

    @Test
    void attachedToALayerItCoversEveryWeightButNoBias() {
        Dense first = Dense.linear(4, 3);
        Dense second = Dense.linear(3, 2);
        Regularization regularization = new Regularization().l2(0.01f, new Sequential(first, new Relu(), second));
        assertEquals(2, regularization.size());
        float expected = 0.01f * (first.weight().value().pow(2).sum().item() + second.weight().value().pow(2).sum()
                .item());
        assertEquals(expected, regularization.penalty().item(), 1e-6f);
    }

    @Test
    void withoutPenaltiesItIsZero() {
        assertEquals(0f, new Regularization().penalty().item());
    }

    @Test
    void anL2PenaltyUnderPlainSgdEqualsWeightDecayOfTwiceTheFactor() {
        List<Parameter> penalised = Trajectory.parameters();
        Sgd withPenalty = new Sgd(penalised, 0.1f);
        Regularization regularization = new Regularization().l2(0.005f, penalised.get(0)).l2(0.005f, penalised.get(1));
        Sgd withDecay = new Sgd(Trajectory.parameters(), 0.1f).weightDecay(0.01f);
        for (int step = 0; step < 5; step++) {
            withPenalty.zeroGrad();
            Trajectory.loss(penalised).add(regularization.penalty()).backward();
            withPenalty.step();
            Trajectory.trainStep(withDecay);
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(withDecay.parameters().get(i).value().toFloatArray(),
                    penalised.get(i).value().toFloatArray(), 1e-6f);
        }
    }
}
