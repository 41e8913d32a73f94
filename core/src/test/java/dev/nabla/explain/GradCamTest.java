package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradCamTest {

    @Test
    void equalsCaptumsLayerGradCamOnTheSecondConvolution() {
        Sequential model = CaptumFixture.model();
        Tensor map = new GradCam(model, "3").attribute(CaptumFixture.tensor("input"), CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("grad_cam_3", map);
        Tensor positive = new GradCam(model, "3").relu(true).attribute(CaptumFixture.tensor("input"),
                CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("grad_cam_3", positive.sub(map.relu()).add(map));
    }

    @Test
    void upsamplingIsBilinearWithHalfPixelCentres() {
        Tensor map = Tensor.of(new float[] {0, 1, 2, 3}, 1, 1, 2, 2);
        Tensor up = GradCam.upsample(map, 4, 4);
        // PyTorch: F.interpolate(map, size=(4, 4), mode="bilinear", align_corners=False)[0, 0, 0] = 0, 0.25, 0.75, 1.
        assertEquals(Tensor.of(new float[] {0, 0.25f, 0.75f, 1}).toString(), up.slice(2, 0, 1).reshape(4).toString());
        assertEquals(3f, up.get(0, 0, 3, 3));
    }

    @Test
    void anUnknownLayerOrOneWithoutSpaceIsExplained() {
        Sequential model = CaptumFixture.model();
        Tensor input = CaptumFixture.tensor("input");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(model, "conv9").attribute(input, 0));
        assertTrue(unknown.getMessage().contains("no layer 'conv9'; its layers: 0, 1, 2, 3"), unknown.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new GradCam(model, "5").attribute(input, 0));
        assertTrue(flat.getMessage().contains("needs a [samples, channels, height, width] output"), flat.getMessage());
    }
}
