package dev.nabla.nn;

import static dev.nabla.nn.TorchFixtures.FORWARD_TOLERANCE;
import static dev.nabla.nn.TorchFixtures.GRADIENT_TOLERANCE;
import static dev.nabla.nn.TorchFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.UpSampling2d.Interpolation;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class UpSampling2dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(UpSampling2d::new, new int[] {2, 2, 3, 2}, new int[] {2, 2, 6, 4});
        LayerContract.check(() -> new UpSampling2d(2, 3, Interpolation.BILINEAR), new int[] {1, 2, 3, 2},
                new int[] {1, 2, 6, 6});
    }

    @Test
    void nearestMatchesPyTorch() {
        matchesPyTorch(new UpSampling2d(2), "up_nearest");
    }

    @Test
    void bilinearMatchesPyTorch() {
        matchesPyTorch(new UpSampling2d(2, 3, Interpolation.BILINEAR), "up_bilinear");
    }

    private static void matchesPyTorch(UpSampling2d layer, String prefix) {
        Tensor x = TorchFixtures.leaf(prefix + ".input");
        Tensor y = layer.forward(x);
        assertClose(TorchFixtures.get(prefix + ".output"), y, FORWARD_TOLERANCE, prefix + " output");
        y.backward(TorchFixtures.get(prefix + ".gy"));
        assertClose(TorchFixtures.get(prefix + ".input_grad"), x.grad(), GRADIENT_TOLERANCE, prefix + " input grad");
    }

    @Test
    void nearestRepeatsEachPixel() {
        Tensor y = new UpSampling2d(2).forward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertTrue(y.allClose(Tensor.of(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, 1, 1, 4, 4)),
                y.toString());
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new UpSampling2d().forward(Tensor.ones(2, 3, 4)));
        assertEquals("UpSampling2d: expected input of shape [N, C, H, W], got [2, 3, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpSampling2d(0));
    }
}
