package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseBlockTest {

    private static Layer growth(int in) {
        return new Sequential(new Conv2d(Conv2d.Config.of(2, 3).inChannels(in)
                .options(ConvolutionOptions.defaults().padding(1))), new Tanh());
    }

    @Test
    void passesTheLayerContract() {
        LayerContract.check(() -> new DenseBlock(List.of(growth(3), growth(5))), new int[] {2, 3, 4, 4},
                new int[] {2, 7, 4, 4});
    }

    @Test
    void joinsTheInputAndEveryLayersOutputUnderTorchvisionsNames() {
        DenseBlock block = new DenseBlock(List.of(growth(3), growth(5)));
        assertEquals(List.of("denselayer1.0.weight", "denselayer1.0.bias", "denselayer2.0.weight",
                "denselayer2.0.bias"), List.copyOf(block.stateDict().keySet()));
        Tensor x = Tensor.uniform(new Generator(4), -1f, 1f, 1, 3, 4, 4);
        Tensor first = block.layers().get(0).forward(x);
        Tensor second = block.layers().get(1).forward(Tensor.concat(1, x, first));
        assertArrayEquals(Tensor.concat(1, x, first, second).toFloatArray(), block.forward(x).toFloatArray(), 0f);
    }

    @Test
    void aLayerThatChangesTheImageSizeIsRefused() {
        DenseBlock block = new DenseBlock(List.of(Conv2d.fromChannels(3, 2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(Tensor.zeros(1, 3, 4, 4)));
        assertTrue(e.getMessage().contains("must keep the batch, height and width"), e.getMessage());
    }
}
