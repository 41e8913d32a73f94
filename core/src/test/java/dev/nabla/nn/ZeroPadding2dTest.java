package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ZeroPadding2dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(() -> new ZeroPadding2d(1), new int[] {2, 2, 3, 3}, new int[] {2, 2, 5, 5});
        LayerContract.check(() -> ZeroPadding2d.sides(1, 0, 2, 1), new int[] {1, 2, 2, 3}, new int[] {1, 2, 3, 6});
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "pad").assertLayer(ZeroPadding2d.sides(1, 2, 0, 3));
    }

    @Test
    void symmetricFormsPadBothSides() {
        assertArrayEquals(new int[] {1, 1, 2, 2}, new ZeroPadding2d(ZeroPadding2d.Config.of().padding(1, 2)).padding());
        Tensor y = new ZeroPadding2d(1).forward(Tensor.ones(1, 1, 1, 1));
        assertEquals(1f, y.sum().item());
        assertEquals(1f, y.get(0, 0, 1, 1));
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2d(1).forward(Tensor.ones(3, 3)));
        assertEquals("ZeroPadding2d: expected input of shape [N, C, H, W], got [3, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2d(ZeroPadding2d.Config.of().padding(1, -1)));
    }
}
