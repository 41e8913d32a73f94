package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(LayerNorm::new, new int[] {2, 3, 4}, new int[] {2, 3, 4});
        LayerContract.check(() -> new LayerNorm(3, 4), new int[] {2, 3, 4}, new int[] {2, 3, 4});
        LayerContract.check(() -> new LayerNorm(LayerNorm.Config.of().normalizedShape(new int[] {5}).eps(1e-3f)
                .elementwiseAffine(false)), new int[] {3, 5}, new int[] {3, 5});
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "ln").assertLayer(new LayerNorm(4, 5));
    }

    @Test
    void normalisesEachSampleToZeroMeanAndUnitVariance() {
        Tensor y = new LayerNorm().forward(Tensor.of(new float[][] {{1, 2, 3, 6}, {10, 10, 10, 14}}));
        assertTrue(y.mean(1).allClose(Tensor.zeros(2), 0f, 1e-6f), y.toString());
        assertTrue(y.var(new int[] {1}, 0, false).allClose(Tensor.ones(2), 1e-4f, 1e-4f), y.toString());
    }

    @Test
    void buildsLazilyOverTheLastDimension() {
        LayerNorm norm = new LayerNorm();
        norm.forward(Tensor.ones(2, 7));
        assertArrayEquals(new int[] {7}, norm.normalizedShape());
        assertEquals(List.of("weight", "bias"), List.copyOf(norm.stateDict().keySet()));
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4, 5).forward(Tensor.ones(2, 5, 4)));
        assertEquals("LayerNorm: expected input of shape [..., 4, 5], got [2, 5, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, 4).forward(Tensor.ones(4)));
        assertEquals("LayerNorm: expected input of shape [..., 3, 4], got [4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(LayerNorm.Config.of()
                .normalizedShape(new int[0]).eps(1e-5f).elementwiseAffine(true)));
    }
}
