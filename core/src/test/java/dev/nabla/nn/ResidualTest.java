package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualTest {

    private static Residual projected() {
        Conv2d conv = new Conv2d(Conv2d.Config.of(3, 3).inChannels(2)
                .options(ConvolutionOptions.defaults().stride(2).padding(1)));
        Conv2d shortcut = new Conv2d(Conv2d.Config.of(3, 1).inChannels(2).options(ConvolutionOptions.defaults()
                .stride(2)));
        return new Residual(List.of(conv.named("conv1"), new Tanh()), shortcut.named("downsample"),
                ActivationFunction.TANH);
    }

    @Test
    void passesTheLayerContractWithAnIdentityAndAProjectedShortcut() {
        LayerContract.check(() -> new Residual(List.of(Conv2d.fromChannels(2, 2, 1), new Tanh()), null,
                ActivationFunction.LINEAR), new int[] {2, 2, 4, 4}, new int[] {2, 2, 4, 4});
        LayerContract.check(ResidualTest::projected, new int[] {2, 2, 4, 4}, new int[] {2, 3, 2, 2});
    }

    @Test
    void addsThePathToTheShortcutUnderTheGivenNames() {
        Residual block = projected();
        assertEquals(List.of("conv1.weight", "conv1.bias", "downsample.weight", "downsample.bias"),
                List.copyOf(block.stateDict().keySet()));
        Tensor x = Tensor.uniform(new dev.nabla.tensor.Generator(2), -1f, 1f, 1, 2, 4, 4);
        Tensor path = block.pathLayers().get(1).forward(block.pathLayers().get(0).forward(x));
        Tensor expected = path.add(block.shortcut().forward(x)).tanh();
        assertArrayEquals(expected.toFloatArray(), block.forward(x).toFloatArray(), 1e-6f);
    }

    @Test
    void aShortcutOfTheWrongShapeSaysWhatToAdd() {
        Residual block = new Residual(List.of(Conv2d.fromChannels(2, 3, 1)), null, ActivationFunction.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(Tensor.zeros(1, 2, 4, 4)));
        assertTrue(e.getMessage().contains("the path gives [1, 3, 4, 4] but the input (the identity shortcut) is"
                + " [1, 2, 4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Residual(List.of(), null, ActivationFunction.RELU));
    }
}
