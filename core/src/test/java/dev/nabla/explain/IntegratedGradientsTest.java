package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Sequential;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IntegratedGradientsTest {

    @Test
    void equalsCaptumsIntegratedGradientsWithGaussLegendreAndTrapezoidSteps() {
        Sequential model = CaptumFixture.model();
        Tensor input = CaptumFixture.tensor("input");
        IntegratedGradients.Result result = new IntegratedGradients(model).attribute(input, CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("integrated_gradients", result.attributions());
        CaptumFixture.assertMatchesCaptum("integrated_gradients_delta", Tensor.of(result.convergenceDelta()));
        Tensor trapezoid = new IntegratedGradients(model).rule(IntegrationRule.RIEMANN_TRAPEZOID).steps(20)
                .attribute(input, Tensor.zeros(1, 1, 8, 8), CaptumFixture.TARGETS).attributions();
        CaptumFixture.assertMatchesCaptum("integrated_gradients_trapezoid_20", trapezoid);
    }

    @Test
    void attributionsAddUpToTheChangeInScoreUpToTheReportedDelta() {
        Sequential model = CaptumFixture.model();
        Tensor input = CaptumFixture.tensor("input");
        Tensor baseline = Tensor.full(0.5f, 1, 1, 8, 8);   // one baseline for both samples
        IntegratedGradients.Result result = new IntegratedGradients(model).attribute(input, baseline,
                CaptumFixture.TARGETS);
        float[] sums = result.attributions().reshape(2, -1).sum(1).toFloatArray();
        try (var noGrad = NoGrad.enter()) {
            model.eval();
            Tensor change = model.forward(input).sub(model.forward(baseline));
            for (int i = 0; i < 2; i++) {
                float expected = change.get(i, CaptumFixture.TARGETS[i]);
                assertEquals(sums[i] - expected, result.convergenceDelta()[i], 1e-5);
            }
        }
    }

    @Test
    void gaussLegendreNodesAndWeightsAreNumpys() {
        // numpy.polynomial.legendre.leggauss(3): nodes -sqrt(3/5), 0, sqrt(3/5); weights 5/9, 8/9, 5/9.
        assertArrayEquals(new double[] {-Math.sqrt(0.6), 0, Math.sqrt(0.6)}, GaussLegendre.nodes(3), 1e-15);
        assertArrayEquals(new double[] {5 / 9.0, 8 / 9.0, 5 / 9.0}, GaussLegendre.weights(3), 1e-15);
        double sum = 0;
        for (double weight : GaussLegendre.weights(50)) {
            sum += weight;
        }
        assertEquals(2, sum, 1e-13);
    }
}
