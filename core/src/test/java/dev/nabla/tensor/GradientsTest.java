package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientsTest {

    private static Tensor randomAwayFromZero(long seed, int... shape) {
        Tensor u = Tensor.uniform(new Generator(seed), 0.2f, 1.2f, shape);
        Tensor sign = Tensor.bernoulli(new Generator(seed + 1), 0.5f, shape).mul(2f).sub(1f);
        return u.mul(sign).requiresGrad(true);
    }

    @Test
    void returnsGradientsWithoutTouchingGrad() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        Tensor[] dx = Gradients.of(x.mul(x).sum(), x);
        assertArrayEquals(new float[] {2f, 4f, 6f}, dx[0].toFloatArray(), 1e-6f);
        assertNull(x.grad(), "gradients are returned, not accumulated");
        assertFalse(dx[0].requiresGrad());
    }

    @Test
    void differentiableGradientsGiveSecondDerivatives() {
        Tensor x = Tensor.of(0.5f, -1f, 2f).requiresGrad(true);
        Tensor dx = Gradients.differentiable(x.pow(3f).sum(), x)[0]; // 3x²
        assertTrue(dx.requiresGrad());
        assertArrayEquals(new float[] {0.75f, 3f, 12f}, dx.toFloatArray(), 1e-5f);
        dx.sum().backward(); // d/dx sum(3x²) = 6x
        assertArrayEquals(new float[] {3f, -6f, 12f}, x.grad().toFloatArray(), 1e-5f);
    }

    @Test
    void gradientWithRespectToAnIntermediateTensor() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor h = x.mul(3f);
        Tensor[] grads = Gradients.of(h.tanh().sum(), h, x);
        Tensor expected = h.detach().tanh().pow(2f).neg().add(1f);
        assertArrayEquals(expected.toFloatArray(), grads[0].toFloatArray(), 1e-6f);
        assertArrayEquals(expected.mul(3f).toFloatArray(), grads[1].toFloatArray(), 1e-6f);
    }

    @Test
    void gradOutputWeighsAVectorOutput() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor[] dx = Gradients.compute(x.mul(x), Tensor.of(10f, 100f), false, false, x);
        assertArrayEquals(new float[] {20f, 400f}, dx[0].toFloatArray(), 1e-5f);
    }

    @Test
    void agreesWithBackwardOnAnOrdinaryNetwork() {
        Tensor x = Tensor.randn(new Generator(4), 5, 3).requiresGrad(true);
        Tensor w = Tensor.randn(new Generator(5), 4, 3).requiresGrad(true);
        Tensor b = Tensor.randn(new Generator(6), 4).requiresGrad(true);
        for (ActivationFunction activation : ActivationFunction.values()) {
            Tensor[] fast = Gradients.compute(Linear.linear(x, w, b, activation).pow(2f).sum(), null, false, false, x, w, b);
            Tensor[] graph = Gradients.differentiable(Linear.linear(x, w, b, activation).pow(2f).sum(), x, w, b);
            for (int i = 0; i < 3; i++) {
                assertTrue(fast[i].allClose(graph[i], 1e-4f, 1e-5f), activation + ": gradient " + i);
            }
        }
    }

    @Test
    void secondDerivativesOfLinearWithEachActivation() {
        for (ActivationFunction activation : ActivationFunction.values()) {
            Tensor x = randomAwayFromZero(10, 3, 4);
            Tensor w = randomAwayFromZero(12, 2, 4);
            Tensor b = randomAwayFromZero(14, 2);
            try {
                GradCheck.assertGradientsOfGradients(in -> Linear.linear(in[0], in[1], in[2], activation)
                        .pow(2f), x, w, b);
            } catch (AssertionError e) {
                throw new AssertionError(activation + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void secondDerivativesOfMatmul() {
        Tensor a = randomAwayFromZero(20, 2, 3, 4);
        Tensor b = randomAwayFromZero(22, 4, 2);
        GradCheck.assertGradientsOfGradients(in -> in[0].matmul(in[1]).pow(2f), a, b);
        Tensor v = randomAwayFromZero(24, 4);
        GradCheck.assertGradientsOfGradients(in -> in[0].matmul(in[1]).tanh(), a, v);
    }

    @Test
    void secondDerivativesOfArithmetic() {
        Tensor a = randomAwayFromZero(30, 3, 4);
        Tensor b = randomAwayFromZero(32, 4);
        GradCheck.assertGradientsOfGradients(in -> in[0].add(in[1]).pow(2f), a, b);
        GradCheck.assertGradientsOfGradients(in -> in[0].sub(in[1]).mul(in[0]), a, b);
        GradCheck.assertGradientsOfGradients(in -> in[0].mul(in[1]).mul(in[1]), a, b);
        GradCheck.assertGradientsOfGradients(in -> in[0].div(in[1]), a, b);
        Tensor positive = Tensor.uniform(new Generator(34), 0.5f, 2f, 3, 4).requiresGrad(true);
        GradCheck.assertGradientsOfGradients(in -> in[0].pow(in[1]), positive, b);
        GradCheck.assertGradientsOfGradients(in -> in[0].pow(2.5f), positive);
        GradCheck.assertGradientsOfGradients(in -> in[0].sqrt(), positive);
        GradCheck.assertGradientsOfGradients(in -> in[0].maximum(in[1]).mul(in[0]), a, b);
    }

    @Test
    void secondDerivativesOfActivations() {
        Tensor x = randomAwayFromZero(40, 3, 5);
        GradCheck.assertGradientsOfGradients(in -> in[0].relu().mul(in[0]), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].leakyRelu(0.2f).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].tanh(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].sigmoid(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].elu(1f).mul(in[0]), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].gelu(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].geluTanh(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].silu(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].softplus(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].exp().add(in[0].sin()).add(in[0].cos()), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].abs().log().add(in[0].abs().log1p()).mul(in[0]), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].erf().add(in[0].neg().mul(in[0])), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].clamp(-0.5f, 0.5f).mul(in[0]), x);
    }

    @Test
    void secondDerivativesOfReductions() {
        Tensor x = randomAwayFromZero(50, 3, 4);
        GradCheck.assertGradientsOfGradients(in -> in[0].sum(1).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].mean(0, true).pow(2f).mul(in[0]), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].norm(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].norm(2f, new int[] {1}, false), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].norm(3f, new int[] {0}, true), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].max(1, false).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].softmax(1), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].logSoftmax(0), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].var(new int[] {1}, 1, false), x);
    }

    @Test
    void secondDerivativesThroughViewsAndCopies() {
        Tensor x = randomAwayFromZero(60, 2, 3, 4);
        GradCheck.assertGradientsOfGradients(in -> in[0].reshape(6, 4).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].view(2, 12).tanh(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].flatten(1, 2).pow(3f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].transpose(0, 2).contiguous().pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].slice(1, 1, 3).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> Tensor.concat(1, in[0], in[0].mul(in[0])).tanh(), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].pad(1, 2).unsqueeze(0).expand(2, -1, -1, -1).pow(2f), x);
        GradCheck.assertGradientsOfGradients(in -> in[0].flip(1).squeeze().mul(in[0]), x);
    }

    @Test
    void anOpWithoutADifferentiableBackwardIsNamed() {
        Tensor x = Tensor.randn(new Generator(70), 2, 3, 4, 4).requiresGrad(true);
        Tensor pooled = Pooling.maxPool2d(x, 2, 2, 0);
        var e = assertThrows(UnsupportedOperationException.class,
                () -> Gradients.differentiable(pooled.pow(2f).sum(), x));
        assertTrue(e.getMessage().contains("'maxPool2d' is not differentiable yet"), e.getMessage());
    }

    @Test
    void badInputsAreExplained() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor unused = Tensor.of(3f).requiresGrad(true);
        Tensor constant = Tensor.of(1f, 2f);
        var notRequired = assertThrows(IllegalArgumentException.class, () -> Gradients.of(x.sum(), constant));
        assertTrue(notRequired.getMessage().contains("input 0 (shape [2]) does not require grad"),
                notRequired.getMessage());
        var notUsed = assertThrows(IllegalArgumentException.class, () -> Gradients.of(x.sum(), x, unused));
        assertTrue(notUsed.getMessage().contains("does not depend on input 1"), notUsed.getMessage());
        var vector = assertThrows(IllegalArgumentException.class, () -> Gradients.of(x.mul(2f), x));
        assertTrue(vector.getMessage().contains("only for a scalar output"), vector.getMessage());
    }

    @Test
    void theGraphIsReleasedUnlessKept() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        Gradients.of(y, x);
        assertThrows(IllegalStateException.class, y::backward);
        Tensor z = x.mul(x).sum();
        Gradients.differentiable(z, x);
        z.backward();
        assertEquals(2f, x.grad().get(0), 1e-6f);
    }
}
