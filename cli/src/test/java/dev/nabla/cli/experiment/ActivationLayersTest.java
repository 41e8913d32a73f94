package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.io.LayerSpecException;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.ActivationFunction;
import org.junit.jupiter.api.Test;

class ActivationLayersTest {

    @Test
    void anActivationNameAddsItsLayerWhateverItsSpelling() {
        assertInstanceOf(Relu.class, ActivationLayers.create("relu"));
        assertInstanceOf(Silu.class, ActivationLayers.create("Swish"));
        assertInstanceOf(Silu.class, ActivationLayers.of(ActivationFunction.SILU));
    }

    @Test
    void anyLayerTypeWithoutArgumentsIsAnActivationToo() {
        assertInstanceOf(Softmax.class, ActivationLayers.create("softmax"));
        assertInstanceOf(LeakyRelu.class, ActivationLayers.create("leaky_relu"));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownTypes() {
        LayerSpecException unknown = assertThrows(LayerSpecException.class, () -> ActivationLayers.create("relux"));

        assertEquals("type", unknown.key());
    }
}
