package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Convolution#conv2dScaled}: conv2d, a per-channel affine map, a residual and an activation in one pass. */
class ConvolutionScaledTest {

    private static final ConvolutionOptions OPTIONS = ConvolutionOptions.defaults().stride(2).padding(1);

    @Test
    void equalsTheConvolutionScaledShiftedAddedAndActivated() {
        Generator generator = new Generator(1);
        // Batches of 1 (product in place) and 40 (several images per chunk), one and two groups.
        for (int batch : new int[] {1, 40}) {
            for (int groups : new int[] {1, 2}) {
                Tensor x = Tensor.uniform(generator, -1f, 1f, batch, 4, 9, 7);
                Tensor w = Tensor.uniform(generator, -0.5f, 0.5f, 6, 4 / groups, 3, 3);
                Tensor scale = Tensor.uniform(generator, 0.5f, 2f, 6);
                Tensor shift = Tensor.uniform(generator, -1f, 1f, 6);
                ConvolutionOptions options = OPTIONS.groups(groups);
                Tensor z = Convolution.conv2d(x, w, null, options);
                Tensor residual = Tensor.uniform(generator, -1f, 1f, z.shape().toArray());
                Tensor affine = z.mul(scale.reshape(1, 6, 1, 1)).add(shift.reshape(1, 6, 1, 1));

                assertArrayEquals(affine.toFloatArray(), Convolution.conv2dScaled(x, w, scale, shift, options, null,
                        ActivationFunction.LINEAR).toFloatArray(), 1e-5f);
                assertArrayEquals(affine.add(residual).relu().toFloatArray(), Convolution.conv2dScaled(x, w, scale,
                        shift, options, residual, ActivationFunction.RELU).toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void refusesInputsThatRequireGradWhileGradModeIsOn() {
        Tensor w = Tensor.ones(2, 1, 1, 1).requiresGrad(true);
        Tensor x = Tensor.ones(1, 1, 3, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Convolution.conv2dScaled(x, w,
                Tensor.ones(2), Tensor.zeros(2), ConvolutionOptions.defaults(), null, ActivationFunction.LINEAR));
        assertTrue(e.getMessage().contains("records no gradient"), e.getMessage());
        try (NoGrad ignored = NoGrad.enter()) {
            assertArrayEquals(new float[18], Convolution.conv2dScaled(x, w, Tensor.zeros(2), Tensor.zeros(2),
                    ConvolutionOptions.defaults(), null, ActivationFunction.LINEAR).toFloatArray());
        }
    }

    @Test
    void namesMisshapedScalesAndResiduals() {
        Tensor x = Tensor.ones(1, 1, 3, 3);
        Tensor w = Tensor.ones(2, 1, 1, 1);
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2dScaled(
                x, w, Tensor.ones(3), Tensor.zeros(2), ConvolutionOptions.defaults(), null, ActivationFunction.RELU));
        assertTrue(scale.getMessage().contains("scale and shift must be [2]"), scale.getMessage());
        IllegalArgumentException residual = assertThrows(IllegalArgumentException.class, () ->
                Convolution.conv2dScaled(x, w, Tensor.ones(2), Tensor.zeros(2), ConvolutionOptions.defaults(),
                        Tensor.ones(1, 2, 2, 2), ActivationFunction.RELU));
        assertTrue(residual.getMessage().contains("the residual must have the output's shape [1, 2, 3, 3]"),
                residual.getMessage());
    }
}
