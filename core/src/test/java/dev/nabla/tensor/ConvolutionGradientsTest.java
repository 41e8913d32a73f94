package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvolutionGradientsTest {

    private static Tensor random(long seed, int... shape) {
        return Tensor.uniform(new Generator(seed), -1f, 1f, shape).requiresGrad(true);
    }

    @Test
    void graphGradientsEqualTheFastOnes() {
        Tensor x = random(1, 2, 3, 7, 6);
        Tensor w = random(2, 4, 3, 3, 3);
        Tensor b = random(3, 4);
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(2).padding(1);
        for (ActivationFunction activation : ActivationFunction.values()) {
            Tensor[] fast = Gradients.of(Convolution.conv2d(x, w, b, options, activation).pow(2f).sum(), x, w, b);
            Tensor[] graph = Gradients.differentiable(Convolution.conv2d(x, w, b, options, activation).pow(2f).sum(),
                    x, w, b);
            for (int i = 0; i < 3; i++) {
                assertTrue(fast[i].allClose(graph[i], 1e-4f, 1e-5f), activation + ": gradient " + i);
            }
        }
    }

    @Test
    void secondDerivativesOfConv2d() {
        Tensor x = random(10, 2, 2, 5, 5);
        Tensor w = random(11, 3, 2, 3, 3);
        Tensor b = random(12, 3);
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(2).padding(1);
        GradCheck.assertGradientsOfGradients(in -> Convolution.conv2d(in[0], in[1], in[2], options).pow(2f), x, w, b);
        GradCheck.assertGradientsOfGradients(
                in -> Convolution.conv2d(in[0], in[1], in[2], options, ActivationFunction.TANH), x, w, b);
        GradCheck.assertGradientsOfGradients(
                in -> Convolution.conv2d(in[0], in[1], in[2], options, ActivationFunction.GELU), x, w, b);
    }

    @Test
    void secondDerivativesOfGroupedAndDilatedConv2d() {
        Tensor x = random(20, 1, 4, 6, 6);
        Tensor w = random(21, 4, 2, 2, 2);
        ConvolutionOptions options = ConvolutionOptions.defaults().groups(2).dilation(2).padding(1);
        GradCheck.assertGradientsOfGradients(in -> Convolution.conv2d(in[0], in[1], null, options).pow(2f), x, w);
    }

    @Test
    void secondDerivativesOfConv1dAndUnbatchedInput() {
        Tensor x = random(30, 2, 3, 8);
        Tensor w = random(31, 2, 3, 3);
        Tensor b = random(32, 2);
        GradCheck.assertGradientsOfGradients(in -> Convolution.conv1d(in[0], in[1], in[2],
                ConvolutionOptions.defaults().stride(2)).pow(2f), x, w, b);
        Tensor image = random(33, 2, 4, 4);
        Tensor kernel = random(34, 3, 2, 3, 3);
        GradCheck.assertGradientsOfGradients(in -> Convolution.conv2d(in[0], in[1], null).pow(2f), image, kernel);
    }

    @Test
    void secondDerivativesOfConvTranspose2d() {
        Tensor x = random(40, 2, 3, 3, 3);
        Tensor w = random(41, 3, 2, 3, 3);
        Tensor b = random(42, 2);
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(2).padding(1);
        GradCheck.assertGradientsOfGradients(in -> Convolution.convTranspose2d(in[0], in[1], in[2], options).pow(2f),
                x, w, b);
    }

    @Test
    void thirdDerivativesStayWithinTheThreeConvolutionOps() {
        Tensor x = random(50, 1, 2, 4, 4);
        Tensor w = random(51, 2, 2, 3, 3);
        // The gradient of the input gradient's norm is itself differentiated: a third derivative.
        GradCheck.assertGradientsOfGradients(in -> {
            Tensor dx = Gradients.differentiable(Convolution.conv2d(in[0], in[1], null).pow(2f).sum(), in[0])[0];
            return dx.pow(2f);
        }, x, w);
    }
}
