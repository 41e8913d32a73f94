package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Conv2dTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(() -> new Conv2d(4, 3), new int[] {2, 3, 6, 6}, new int[] {2, 4, 4, 4});
        LayerContract.check(() -> new Conv2d(Conv2d.Config.of(4, 3).options(ConvolutionOptions.defaults().stride(2)
                .padding(1))),
                new int[] {2, 2, 5, 5}, new int[] {2, 4, 3, 3});
        LayerContract.check(() -> new Conv2d(Conv2d.Config.of(4, new int[] {3, 3})
                .options(ConvolutionOptions.defaults().groups(4).paddingSame()).useBias(false)), new int[] {1, 4, 5,
                5}, new int[] {1, 4, 5, 5});
    }

    @Test
    void computesTheConvolutionOpWithItsWeights() {
        Conv2d conv = new Conv2d(Conv2d.Config.of(5, 3).inChannels(2).options(ConvolutionOptions.defaults()
                .padding(1)));
        Tensor x = Tensor.randn(new dev.nabla.tensor.Generator(1), 1, 2, 4, 4);
        Tensor expected = Convolution.conv2d(x, conv.weight().value(), conv.bias().value(),
                ConvolutionOptions.defaults().padding(1));
        assertTrue(conv.forward(x).allClose(expected, 0f, 0f));
        assertEquals("[5, 2, 3, 3]", conv.weight().shape().toString());
    }

    @Test
    void anActivationGivesWhatTheConvolutionFollowedByTheActivationLayerGives() {
        Conv2d plain = new Conv2d(Conv2d.Config.of(4, 3).inChannels(2).options(ConvolutionOptions.defaults()
                .padding(1)));
        Conv2d fused = new Conv2d(Conv2d.Config.of(4, 3).inChannels(2).options(ConvolutionOptions.defaults()
                .padding(1)).activation(ActivationFunction.RELU));
        fused.loadStateDict(plain.stateDict(), true);
        Tensor x = Tensor.randn(new Generator(3), 3, 2, 5, 5);
        assertTrue(new Relu().forward(plain.forward(x)).allClose(fused.forward(x), 0f, 0f));
        assertEquals(ActivationFunction.RELU, fused.activation());
        assertTrue(fused.toString().contains("activation=relu"), fused.toString());
    }

    @Test
    void thePyTorchShapedConstructorEqualsTheKerasShapedOneOnTheSameWeights() {
        Conv2d pytorch = Conv2d.fromChannels(1, 8, 3);
        Conv2d keras = new Conv2d(8, 3);
        Tensor x = Tensor.randn(new Generator(5), 2, 1, 6, 6);
        keras.forward(x);
        keras.loadStateDict(pytorch.stateDict(), true);

        assertEquals("[8, 1, 3, 3]", pytorch.weight().shape().toString(), "built at once, before any input");
        assertTrue(pytorch.forward(x).allClose(keras.forward(x), 0f, 0f));
    }

    @Test
    void defaultInitialisationIsBoundedByOneOverSquareRootOfFanIn() {
        Conv2d conv = new Conv2d(Conv2d.Config.of(16, 3).inChannels(8).options(ConvolutionOptions.defaults()));
        float bound = 1f / (float) Math.sqrt(8 * 9);
        assertTrue(conv.weight().value().abs().max().item() <= bound);
        assertTrue(conv.bias().value().abs().max().item() <= bound);
    }

    @Test
    void wrongChannelsNameTheLayerAndShapes() {
        Sequential model = new Sequential(new Conv2d(Conv2d.Config.of(4, 3).inChannels(3)
                .options(ConvolutionOptions.defaults())));
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.zeros(8, 2, 8, 8)));
        assertEquals("Sequential.0: conv2d: input [8, 2, 8, 8] has 2 channels but weight [4, 3, 3, 3] expects 3"
                + " (groups 1)", e.getMessage());
        var rank = assertThrows(IllegalArgumentException.class, () -> new Conv2d(4, 3).forward(Tensor.zeros(8, 10)));
        assertEquals("Conv2d: expected input of shape [N, C, H, W], got [8, 10]", rank.getMessage());
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "conv2d").assertLayer(new Conv2d(Conv2d.Config.of(4, 3).inChannels(3)
                .options(ConvolutionOptions.defaults().padding(1))));
        TorchFixture.load("layers", "conv2d_groups_no_bias").assertLayer(
                new Conv2d(Conv2d.Config.of(6, new int[] {3, 2}).options(ConvolutionOptions.defaults().stride(2)
                        .groups(2)).useBias(false)));
    }
}
