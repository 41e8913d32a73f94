package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiplyTest {

    @Test
    void meetsTheLayerContract() {
        Generator g = new Generator(3);
        LayerContract.check(Multiply::new, List.of(Tensor.randn(g, 2, 3), Tensor.randn(g, 2, 3), Tensor.randn(g, 3)),
                new int[] {2, 3});
    }

    @Test
    void matchesPyTorchWithBroadcasting() {
        TorchFixture.load("layers", "mul").assertLayer(new Multiply());
    }

    @Test
    void oneInputPassesThrough() {
        Tensor x = Tensor.of(1f, 2f);
        assertTrue(new Multiply().forward(List.of(x)).allClose(x));
    }

    @Test
    void shapeErrorsNameTheLayerAndTheShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Multiply().forward(List.of(Tensor.ones(4, 2, 3), Tensor.ones(5, 1, 3))));
        assertEquals("Multiply: inputs of shapes [4, 2, 3] and [5, 1, 3] cannot be broadcast together"
                + " (dimension -3 has sizes 4 and 5)", e.getMessage());
    }
}
