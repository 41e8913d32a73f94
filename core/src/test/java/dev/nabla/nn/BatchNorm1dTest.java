package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNorm1dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(BatchNorm1d::new, new int[] {4, 3}, new int[] {4, 3});
        LayerContract.check(() -> new BatchNorm1d(2), new int[] {3, 2, 5}, new int[] {3, 2, 5});
        LayerContract.check(() -> new BatchNorm1d(BatchNorm1d.Config.of().numFeatures(3).eps(1e-3f).momentum(0.01f)
                .affine(false)), new int[] {4, 3}, new int[] {4, 3});
    }

    @Test
    void buildsLazilyFromTheChannelDimension() {
        BatchNorm1d bn = new BatchNorm1d();
        assertFalse(bn.isBuilt());
        bn.forward(Tensor.ones(4, 6, 2));
        assertEquals(6, bn.numFeatures());
        assertEquals(6, bn.runningVar().size());
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(2, 4)));
        assertEquals("BatchNorm1d: expected input of shape [N, 3] or [N, 3, L], got [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d().forward(Tensor.ones(2, 3, 4, 4)));
        assertEquals("BatchNorm1d: expected input of shape [N, C] or [N, C, L], got [2, 3, 4, 4]; for images use"
                + " BatchNorm2d", e.getMessage());
    }
}
