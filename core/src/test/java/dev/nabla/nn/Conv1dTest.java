package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Conv1dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(() -> new Conv1d(4, 3), new int[] {2, 3, 9}, new int[] {2, 4, 7});
        LayerContract.check(() -> new Conv1d(Conv1d.Config.of(4, 3).options(ConvolutionOptions.defaults().dilation(2)
                .padding(2)).useBias(false)),
                new int[] {2, 3, 9}, new int[] {2, 4, 9});
    }

    @Test
    void weightIsLaidOutAsPyTorch() {
        assertEquals("[6, 2, 5]", new Conv1d(Conv1d.Config.of(6, 5).inChannels(2)
                .options(ConvolutionOptions.defaults())).weight().shape().toString());
    }

    @Test
    void thePyTorchShapedConstructorEqualsTheKerasShapedOneOnTheSameWeights() {
        Conv1d pytorch = Conv1d.fromChannels(2, 6, 5);
        Conv1d keras = new Conv1d(6, 5);
        Tensor x = Tensor.randn(new Generator(4), 3, 2, 11);
        keras.forward(x);
        keras.loadStateDict(pytorch.stateDict(), true);

        assertEquals("[6, 2, 5]", pytorch.weight().shape().toString(), "built at once, before any input");
        assertTrue(pytorch.forward(x).allClose(keras.forward(x), 0f, 0f));
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "conv1d").assertLayer(
                new Conv1d(Conv1d.Config.of(4, 3).inChannels(3).options(ConvolutionOptions.defaults().stride(2)
                        .padding(1))));
    }
}
