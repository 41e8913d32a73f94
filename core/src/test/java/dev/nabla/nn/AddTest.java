package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddTest {

    @Test
    void meetsTheLayerContract() {
        Generator g = new Generator(2);
        LayerContract.check(Add::new, List.of(Tensor.randn(g, 2, 3), Tensor.randn(g, 2, 3)), new int[] {2, 3});
        LayerContract.check(Add::new, List.of(Tensor.randn(g, 2, 3, 2), Tensor.randn(g, 3, 1)), new int[] {2, 3, 2});
    }

    @Test
    void matchesPyTorchWithBroadcasting() {
        TorchFixture.load("layers", "add").assertLayer(new Add());
    }

    @Test
    void shapeErrorsNameTheLayerAndTheShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Add().forward(List.of(Tensor.ones(2, 3), Tensor.ones(2, 3), Tensor.ones(2, 4))));
        assertEquals("Add: inputs of shapes [2, 3], [2, 3] and [2, 4] cannot be broadcast together"
                + " (dimension -1 has sizes 3 and 4)", e.getMessage());
    }

    @Test
    void takesAListOfInputs() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Add().forward(Tensor.ones(2, 3)));
        assertEquals("Add: takes a list of inputs; call forward(List.of(a, b, ...)); it was given one tensor of shape"
                + " [2, 3]", e.getMessage());
        assertEquals("takes a list of inputs; list the layers it joins in a graph, as in inputs: [a, b]; it was given"
                + " one input of shape [2, 3]", assertThrows(AdvisedException.class,
                () -> new Add().forward(Tensor.zeros(2, 3))).fileMessage());
        assertThrows(IllegalArgumentException.class, () -> new Add().forward(List.of()));
    }
}
