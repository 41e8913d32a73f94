package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Gradients;
import dev.nabla.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientPenaltyTest {

    /** PyTorch's penalty and the critic's gradients through it agree to 1e-4 (relative, or absolute below 1). */
    private static void assertMatchesPyTorch(TorchFixture f, Layer critic, Map<String, String> torchNames) {
        Tensor real = f.tensor("real");
        Tensor fake = f.tensor("fake");
        Tensor epsilon = f.tensor("epsilon");
        float weight = f.number("weight", 0f);
        Tensor penalty = GradientPenalty.interpolated(critic::forward, real, fake, epsilon, weight);
        f.assertClose("penalty", penalty.reshape(1), 1e-4, 1e-4);
        penalty.backward();
        for (Map.Entry<String, Parameter> p : critic.namedParameters().entrySet()) {
            String name = torchNames.getOrDefault(p.getKey(), p.getKey());
            Tensor grad = p.getValue().grad();
            // Where the input gradient does not depend on a parameter (the last bias) PyTorch gives
            // none, and where it depends on it only through an activation's constant slopes (a bias
            // before leaky relu) zeros; Nabla gives no gradient in both cases.
            if (grad == null) {
                assertTrue(!f.has("grad_" + name) || f.tensor("grad_" + name).abs().max().item() == 0f,
                        name + " has a gradient in PyTorch");
            } else {
                f.assertClose("grad_" + name, grad, 1e-4, 1e-4);
            }
        }
        Tensor e = epsilon.reshape(interpolationShape(real));
        Tensor points = e.mul(real).add(e.neg().add(1f).mul(fake)).requiresGrad(true);
        f.assertClose("grad_interpolates", Gradients.of(critic.forward(points).sum(), points)[0], 1e-4, 1e-4);
    }

    private static int[] interpolationShape(Tensor real) {
        int[] shape = new int[real.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = real.dim(0);
        return shape;
    }

    @Test
    void convolutionalCriticMatchesPyTorch() {
        TorchFixture f = TorchFixture.load("gradient_penalty", "conv_critic");
        ConvolutionOptions downsample = ConvolutionOptions.defaults().stride(2).padding(1);
        Sequential critic = new Sequential(
                new Conv2d(Conv2d.Config.of(4, 3).inChannels(1).options(downsample)), new LeakyRelu(0.2f),
                new Conv2d(Conv2d.Config.of(8, 3).inChannels(4).options(downsample)), new LeakyRelu(0.2f),
                new Flatten(), new Dense(Dense.Config.of(1).inFeatures(32)));
        critic.loadStateDict(f.stateDict("state"), true);
        assertMatchesPyTorch(f, critic, Map.of());
    }

    @Test
    void denseCriticWithFusedActivationsMatchesPyTorch() {
        TorchFixture f = TorchFixture.load("gradient_penalty", "dense_critic");
        Sequential critic = new Sequential(
                new Dense(Dense.Config.of(5).inFeatures(6).activation(ActivationFunction.TANH)),
                new Dense(Dense.Config.of(4).inFeatures(5).activation(ActivationFunction.SIGMOID)),
                new Dense(Dense.Config.of(3).inFeatures(4).activation(ActivationFunction.RELU)),
                new Dense(Dense.Config.of(1).inFeatures(3)));
        Map<String, String> torchNames = new HashMap<>(); // PyTorch's activations are layers 1, 3 and 5
        for (int i = 0; i < 4; i++) {
            torchNames.put(i + ".weight", 2 * i + ".weight");
            torchNames.put(i + ".bias", 2 * i + ".bias");
        }
        Map<String, Tensor> state = new HashMap<>();
        torchNames.forEach((nabla, torch) -> state.put(nabla, f.tensor("state." + torch)));
        critic.loadStateDict(state, true);
        assertMatchesPyTorch(f, critic, torchNames);
    }

    @Test
    void aCriticWithUnitGradientsIsNotPenalized() {
        // critic(x) = sum(x · u) with ‖u‖ = 1 has gradient u everywhere: no penalty, no gradient.
        Tensor u = Tensor.of(0.6f, 0.8f).requiresGrad(true);
        Tensor real = Tensor.randn(new Generator(1), 3, 2);
        Tensor fake = Tensor.randn(new Generator(2), 3, 2);
        Tensor penalty = GradientPenalty.wasserstein(x -> x.mul(u).sum(1), real, fake, 10f, new Generator(3));
        assertEquals(0f, penalty.item(), 1e-6f);
        penalty.backward();
        assertEquals(0f, u.grad().abs().max().item(), 1e-5f);
    }

    @Test
    void penalizesTheGradientNormsDistanceFromOne() {
        // critic(x) = sum(x · u): penalty = weight · (‖u‖ − 1)², and d/du = weight · 2(‖u‖ − 1) · u/‖u‖.
        Tensor u = Tensor.of(3f, 4f).requiresGrad(true);
        Tensor points = Tensor.randn(new Generator(4), 6, 2);
        Tensor penalty = GradientPenalty.at(x -> x.mul(u).sum(1), points, 10f);
        assertEquals(160f, penalty.item(), 1e-3f);
        penalty.backward();
        assertEquals(10f * 2f * 4f * 0.6f, u.grad().get(0), 1e-3f);
        assertEquals(10f * 2f * 4f * 0.8f, u.grad().get(1), 1e-3f);
        assertNull(points.grad(), "the points are detached");
    }

    @Test
    void noGradientReachesTheGenerator() {
        Tensor z = Tensor.randn(new Generator(5), 4, 2).requiresGrad(true);
        Tensor fake = z.mul(2f);
        Tensor u = Tensor.of(1f, 2f).requiresGrad(true);
        GradientPenalty.wasserstein(x -> x.mul(u).sum(1), Tensor.randn(new Generator(6), 4, 2), fake,
                GradientPenalty.DEFAULT_WEIGHT, new Generator(7)).backward();
        assertNull(z.grad());
        assertNotNull(u.grad());
    }

    @Test
    void badShapesAreExplained() {
        Tensor real = Tensor.zeros(4, 2);
        var mismatch = assertThrows(IllegalArgumentException.class, () -> GradientPenalty.wasserstein(
                x -> x.sum(1), real, Tensor.zeros(3, 2), 10f, new Generator(1)));
        assertTrue(mismatch.getMessage().contains("same shape"), mismatch.getMessage());
        var epsilon = assertThrows(IllegalArgumentException.class, () -> GradientPenalty.interpolated(
                x -> x.sum(1), real, real, Tensor.zeros(3), 10f));
        assertTrue(epsilon.getMessage().contains("epsilon must have shape [4]"), epsilon.getMessage());
        var scores = assertThrows(IllegalArgumentException.class, () -> GradientPenalty.at(x -> x, real, 10f));
        assertTrue(scores.getMessage().contains("one score per sample (4), but gave shape [4, 2]"),
                scores.getMessage());
    }
}
