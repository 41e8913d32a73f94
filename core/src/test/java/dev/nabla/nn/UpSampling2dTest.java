package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.UpSampling2d.Interpolation;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class UpSampling2dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(UpSampling2d::new, new int[] {2, 2, 3, 2}, new int[] {2, 2, 6, 4});
        LayerContract.check(() -> new UpSampling2d(UpSampling2d.Config.of().size(2, 3)
                .interpolation(Interpolation.BILINEAR)), new int[] {1, 2, 3, 2},
                new int[] {1, 2, 6, 6});
    }

    @Test
    void nearestMatchesPyTorch() {
        TorchFixture.load("layers", "up_nearest").assertLayer(new UpSampling2d(2));
    }

    @Test
    void bilinearMatchesPyTorch() {
        TorchFixture.load("layers", "up_bilinear").assertLayer(new UpSampling2d(UpSampling2d.Config.of().size(2, 3)
                .interpolation(Interpolation.BILINEAR)));
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
