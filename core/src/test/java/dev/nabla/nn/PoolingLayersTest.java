package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Pooling;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The pooling layers are one-line wrappers of {@link Pooling}; the ops have their own tests. */
class PoolingLayersTest {

    @Test
    void layersMeetTheContractWithTheirOutputShapes() {
        LayerContract.check(() -> new MaxPool2d(2), tieFree(2, 3, 6, 6), new int[] {2, 3, 3, 3});
        LayerContract.check(() -> new MaxPool2d(MaxPool2d.Config.of(3).stride(2).padding(1)), tieFree(2, 3, 6, 6),
                new int[] {2, 3, 3, 3});
        LayerContract.check(() -> new AvgPool2d(2), new int[] {2, 3, 6, 4}, new int[] {2, 3, 3, 2});
        LayerContract.check(() -> new MaxPool1d(2), tieFree(2, 3, 7), new int[] {2, 3, 3});
        LayerContract.check(() -> new AvgPool1d(AvgPool1d.Config.of(3).stride(1).padding(1)), new int[] {2, 3, 7},
                new int[] {2, 3, 7});
        LayerContract.check(() -> new AdaptiveAvgPool2d(2, 3), new int[] {2, 3, 5, 7}, new int[] {2, 3, 2, 3});
        LayerContract.check(GlobalAvgPool::new, new int[] {2, 3, 4, 5}, new int[] {2, 3});
        LayerContract.check(GlobalMaxPool::new, tieFree(2, 3, 7), new int[] {2, 3});
    }

    /** Distinct values 0.02 apart in random order, so no window's maximum is near a tie. */
    private static Tensor tieFree(int... shape) {
        int n = dev.nabla.tensor.Shape.of(shape).size();
        return Tensor.permutation(new dev.nabla.tensor.Generator(3), n).mul(0.02f).sub(0.01f * n).reshape(shape);
    }

    @Test
    void layersComputeTheirOps() {
        Tensor x = Tensor.randn(new dev.nabla.tensor.Generator(2), 1, 2, 4, 4);
        assertTrue(new MaxPool2d(2).forward(x).allClose(Pooling.maxPool2d(x, 2), 0f, 0f));
        assertTrue(new GlobalAvgPool().forward(x).allClose(x.mean(new int[] {2, 3}, false)));
        assertTrue(new GlobalMaxPool().forward(x).allClose(x.max(new int[] {2, 3}, false)));
    }

    @Test
    void errorsNameTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2).forward(Tensor.zeros(4, 5)));
        assertEquals("MaxPool2d: expected input of shape [N, C, H, W], got [4, 5]", e.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> new GlobalAvgPool().forward(Tensor.zeros(4, 5)));
        assertTrue(g.getMessage().startsWith("GlobalAvgPool: expected input of shape [N, C, ...]"), g.getMessage());
    }

    @Test
    void layersMatchPyTorch() {
        TorchFixture.load("layers", "max_pool1d").assertLayer(new MaxPool1d(MaxPool1d.Config.of(3).stride(2)
                .padding(1)));
        TorchFixture.load("layers", "max_pool2d").assertLayer(new MaxPool2d(MaxPool2d.Config.of(3).stride(2)
                .padding(1)));
        TorchFixture.load("layers", "avg_pool1d").assertLayer(new AvgPool1d(AvgPool1d.Config.of(4).stride(3)
                .padding(2)));
        TorchFixture.load("layers", "avg_pool2d").assertLayer(new AvgPool2d(AvgPool2d.Config.of(3).stride(2)
                .padding(1)));
        TorchFixture.load("layers", "adaptive_avg_pool2d").assertLayer(new AdaptiveAvgPool2d(3, 4));
    }

    @Test
    void globalPoolingMatchesTorchMeanAndAmax() {
        TorchFixture.load("layers", "global_avg_pool").assertLayer(new GlobalAvgPool());
        TorchFixture.load("layers", "global_avg_pool_1d").assertLayer(new GlobalAvgPool());
        TorchFixture.load("layers", "global_max_pool").assertLayer(new GlobalMaxPool());
        TorchFixture.load("layers", "global_max_pool_1d").assertLayer(new GlobalMaxPool());
    }
}
