package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ShapeLayersTest {

    @Test
    void flattenKeepsTheBatch() {
        LayerContract.check(Flatten::new, new int[] {2, 3, 4, 5}, new int[] {2, 60});
    }

    @Test
    void reshapeKeepsTheBatch() {
        LayerContract.check(() -> new Reshape(3, -1), new int[] {2, 12}, new int[] {2, 3, 4});
    }

    @Test
    void reshapeErrorsNameTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Reshape(5).forward(Tensor.zeros(2, 12)));
        assertEquals("Reshape: cannot reshape input [2, 12] to samples of shape [5]", e.getMessage());
    }

    @Test
    void permuteNumbersSampleAxesFromOneLikeKeras() {
        LayerContract.check(() -> new Permute(2, 1), new int[] {2, 3, 4}, new int[] {2, 4, 3});
        assertThrows(IllegalArgumentException.class, () -> new Permute(1, 3));
    }

    @Test
    void aZeroAxisInPermuteSaysTheAxesAreNumberedFromOneWithoutTheBatch() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Permute(0, 2, 1));
        assertEquals("Permute: axes [0, 2, 1] contain 0, but the axes are numbered from 1 and the batch axis is not"
                + " among them (as in Keras): to swap the two sample axes of [N, A, B] write Permute(2, 1);"
                + " Tensor.permute numbers from 0 with the batch included", e.getMessage());
    }

    @Test
    void dropoutScalesKeptValuesAndIsOffInEvaluation() {
        Dropout dropout = new Dropout(0.25f);
        dropout.seed(3);
        Tensor y = dropout.forward(Tensor.ones(1000));
        for (float v : y.toFloatArray()) {
            assertTrue(v == 0f || Math.abs(v - 1f / 0.75f) < 1e-6, "value " + v);
        }
        float kept = y.gt(0f).sum().item() / 1000f;
        assertTrue(Math.abs(kept - 0.75f) < 0.05f, "kept " + kept);
        dropout.eval();
        assertTrue(dropout.forward(Tensor.ones(10)).allClose(Tensor.ones(10)));
        LayerContract.check(() -> new Dropout(0.3f), new int[] {4, 6}, new int[] {4, 6});
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        SpatialDropout2d dropout = new SpatialDropout2d(0.5f);
        dropout.seed(1);
        Tensor y = dropout.forward(Tensor.ones(4, 8, 3, 3));
        Tensor perChannelMax = y.max(new int[] {2, 3}, false);
        Tensor perChannelMin = y.min(new int[] {2, 3}, false);
        assertTrue(perChannelMax.allClose(perChannelMin), "each channel is all kept or all dropped");
        LayerContract.check(() -> new SpatialDropout2d(0.2f), new int[] {2, 3, 2, 2}, new int[] {2, 3, 2, 2});
    }

    @Test
    void shapeLayersMatchPyTorch() {
        TorchFixture.load("layers", "flatten").assertLayer(new Flatten());
        TorchFixture.load("layers", "reshape").assertLayer(new Reshape(3, -1));
        TorchFixture.load("layers", "permute").assertLayer(new Permute(2, 1));
        TorchFixture.load("layers", "permute_4d").assertLayer(new Permute(3, 1, 2));
    }

    @Test
    void dropoutInEvaluationIsTheIdentityAsInPyTorch() {
        TorchFixture.load("layers", "dropout_eval").assertLayer(new Dropout(0.5f).eval());
        TorchFixture.load("layers", "spatial_dropout2d_eval").assertLayer(new SpatialDropout2d(0.5f).eval());
    }
}
