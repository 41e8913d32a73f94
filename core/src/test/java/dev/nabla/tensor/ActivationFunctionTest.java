package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationFunctionTest {

    @Test
    void namesAreKerassAndRoundTrip() {
        for (ActivationFunction a : ActivationFunction.values()) {
            assertSame(a, ActivationFunction.byName(a.kerasName()));
        }
        assertSame(ActivationFunction.RELU, ActivationFunction.byName("ReLU"));
        assertSame(ActivationFunction.SILU, ActivationFunction.byName("swish"));
        assertSame(ActivationFunction.LINEAR, ActivationFunction.byName("none"));
        for (String name : ActivationFunction.names()) {
            ActivationFunction.byName(name);
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ActivationFunction.byName("relu6"));
        assertEquals("unknown activation 'relu6'; known: linear, relu, sigmoid, tanh, gelu, silu, elu, softplus",
                e.getMessage());
    }

    @Test
    void applyIsTheTensorMethodOfTheSameName() {
        Tensor x = Tensor.of(-2f, -0.5f, 0f, 0.5f, 2f);
        assertSame(x, ActivationFunction.LINEAR.apply(x));
        assertArrayEquals(x.relu().toFloatArray(), ActivationFunction.RELU.apply(x).toFloatArray());
        assertArrayEquals(x.sigmoid().toFloatArray(), ActivationFunction.SIGMOID.apply(x).toFloatArray());
        assertArrayEquals(x.tanh().toFloatArray(), ActivationFunction.TANH.apply(x).toFloatArray());
        assertArrayEquals(x.gelu().toFloatArray(), ActivationFunction.GELU.apply(x).toFloatArray());
        assertArrayEquals(x.silu().toFloatArray(), ActivationFunction.SILU.apply(x).toFloatArray());
        assertArrayEquals(x.elu(1f).toFloatArray(), ActivationFunction.ELU.apply(x).toFloatArray());
        assertArrayEquals(x.softplus().toFloatArray(), ActivationFunction.SOFTPLUS.apply(x).toFloatArray());
        assertTrue(ActivationFunction.RELU.apply(x.requiresGrad(true)).requiresGrad());
    }
}
