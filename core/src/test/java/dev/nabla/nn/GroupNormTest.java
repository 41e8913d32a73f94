package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GroupNormTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(() -> new GroupNorm(2), new int[] {2, 4, 3}, new int[] {2, 4, 3});
        LayerContract.check(() -> new GroupNorm(3, 6), new int[] {2, 6, 2, 2}, new int[] {2, 6, 2, 2});
        LayerContract.check(() -> new GroupNorm(GroupNorm.Config.of(1).numChannels(3).eps(1e-5f).affine(false)),
                new int[] {2, 3, 4}, new int[] {2, 3, 4});
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "gn").assertLayer(new GroupNorm(2, 4));
    }

    @Test
    void oneGroupPerChannelIsInstanceNorm() {
        Tensor x = Tensor.of(new float[] {1, 3, 5, 7, 0, 0, 2, 2}, 1, 2, 4);
        Tensor y = new GroupNorm(GroupNorm.Config.of(2).numChannels(2).eps(1e-5f).affine(false)).forward(x);
        assertTrue(y.mean(2).allClose(Tensor.zeros(1, 2), 0f, 1e-6f), y.toString());
        assertTrue(Math.abs(y.get(0, 1, 3) - 1f) < 1e-4f, y.toString());
    }

    @Test
    void channelsMustSplitIntoTheGroups() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertEquals("GroupNorm: the number of channels (6) must be a positive multiple of numGroups (4)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4).forward(Tensor.ones(2, 6, 3)));
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(2, 4).forward(Tensor.ones(2, 6, 3)));
        assertEquals("GroupNorm: expected input of shape [N, 4, *], got [2, 6, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(2).forward(Tensor.ones(4)));
        assertEquals("GroupNorm: expected input of shape [N, C, *], got [4]", e.getMessage());
    }
}
