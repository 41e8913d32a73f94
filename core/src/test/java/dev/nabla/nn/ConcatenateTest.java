package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenateTest {

    @Test
    void meetsTheLayerContract() {
        Generator g = new Generator(4);
        LayerContract.check(Concatenate::new, List.of(Tensor.randn(g, 2, 3, 2, 2), Tensor.randn(g, 2, 1, 2, 2)),
                new int[] {2, 4, 2, 2});
        LayerContract.check(() -> new Concatenate(-1), List.of(Tensor.randn(g, 2, 3), Tensor.randn(g, 2, 2),
                Tensor.randn(g, 2, 1)), new int[] {2, 6});
    }

    @Test
    void matchesPyTorchAlongChannels() {
        TorchFixture.load("layers", "cat").assertLayer(new Concatenate());
    }

    @Test
    void theDefaultAxisIsTheChannelAxis() {
        Tensor y = new Concatenate().forward(List.of(Tensor.ones(2, 3, 4, 4), Tensor.zeros(2, 5, 4, 4)));
        assertArrayEquals(new int[] {2, 8, 4, 4}, y.shape().toArray());
        assertEquals(1, new Concatenate().axis());
    }

    @Test
    void shapeErrorsNameTheLayerAndTheShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate().forward(List.of(Tensor.ones(2, 3, 4), Tensor.ones(2, 5, 5))));
        assertEquals("Concatenate: cannot join inputs of shapes [2, 3, 4] and [2, 5, 5] along axis 1:"
                + " every other dimension must match", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate(3).forward(List.of(Tensor.ones(2, 3), Tensor.ones(2, 3))));
        assertEquals("Concatenate: axis 3 is out of range for inputs of shapes [2, 3] and [2, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Concatenate().forward(List.of(Tensor.ones(2, 3), Tensor.ones(2, 3, 1))));
    }
}
