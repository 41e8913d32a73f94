package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.ConvolutionOptions;
import org.junit.jupiter.api.Test;

class ConvTranspose2dTest {

    @Test
    void meetsTheLayerContractAndUpsamples() {
        LayerContract.check(() -> new ConvTranspose2d(ConvTranspose2d.Config.of(3, 3)
                .options(ConvolutionOptions.defaults().stride(2).padding(1) .outputPadding(1))), new int[] {2, 4, 3,
                3}, new int[] {2, 3, 6, 6});
    }

    @Test
    void weightIsLaidOutAsPyTorch() {
        assertEquals("[4, 6, 3, 3]", new ConvTranspose2d(ConvTranspose2d.Config.of(6, 3).inChannels(4)
                .options(ConvolutionOptions.defaults())).weight().shape().toString());
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "conv_transpose2d").assertLayer(
                new ConvTranspose2d(ConvTranspose2d.Config.of(3, 3).inChannels(4)
                        .options(ConvolutionOptions.defaults().stride(2).padding(1).outputPadding(1))));
    }
}
