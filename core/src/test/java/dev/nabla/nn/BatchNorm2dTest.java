package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNorm2dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(BatchNorm2d::new, new int[] {2, 3, 3, 2}, new int[] {2, 3, 3, 2});
        LayerContract.check(() -> new BatchNorm2d(2), new int[] {3, 2, 2, 2}, new int[] {3, 2, 2, 2});
    }

    @Test
    void buildsLazilyFromTheChannelDimension() {
        BatchNorm2d bn = new BatchNorm2d();
        bn.forward(Tensor.ones(2, 5, 3, 3));
        assertEquals(5, bn.numFeatures());
        assertEquals(5, bn.weight().size());
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.ones(2, 4, 5, 5)));
        assertEquals("BatchNorm2d: expected input of shape [N, 3, H, W], got [2, 4, 5, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d().forward(Tensor.ones(2, 3)));
        assertEquals("BatchNorm2d: expected input of shape [N, C, H, W], got [2, 3]; for features [N, C] or sequences"
                + " [N, C, L] use BatchNorm1d", e.getMessage());
        assertEquals("expected input of shape [N, C, H, W], got [2, 3]; for features [N, C] or sequences [N, C, L] use"
                + " {type: batch_norm1d}", ((AdvisedException) e).fileMessage());
    }
}
