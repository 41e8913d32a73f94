package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ActivationLayersTest {

    static Stream<Supplier<Layer>> activations() {
        return Stream.of(Relu::new, () -> new LeakyRelu(0.2f), Elu::new, Sigmoid::new, Tanh::new, Silu::new,
                Gelu::new, () -> new Gelu(true), Softmax::new, () -> new LogSoftmax(1), Prelu::new,
                () -> new Prelu(3, 0.1f), Softplus::new, () -> new Softplus(2f, 1f));
    }

    @ParameterizedTest
    @MethodSource("activations")
    void meetTheLayerContract(Supplier<Layer> factory) {
        LayerContract.check(factory, new int[] {2, 3, 4}, new int[] {2, 3, 4});
    }

    @Test
    void layersComputeTheirTensorOps() {
        Tensor x = Tensor.of(-2f, -0.5f, 0.5f, 2f);
        assertTrue(new Relu().forward(x).allClose(x.relu()));
        assertTrue(new LeakyRelu().forward(x).allClose(x.leakyRelu(0.01f)));
        assertTrue(new Gelu(true).forward(x).allClose(x.geluTanh()));
        assertTrue(new Softmax().forward(x).allClose(x.softmax(-1)));
    }

    @Test
    void preluLearnsOneSlopePerChannel() {
        Prelu prelu = new Prelu(2, 0.25f);
        Tensor x = Tensor.of(new float[] {-4f, 4f, -4f, 4f}, 1, 2, 2);
        assertTrue(prelu.forward(x).allClose(Tensor.of(new float[] {-1f, 4f, -1f, 4f}, 1, 2, 2)));
        assertEquals(2, prelu.parameterCount());
    }

    @Test
    void matchPyTorch() {
        TorchFixture.load("layers", "relu").assertLayer(new Relu());
        TorchFixture.load("layers", "leaky_relu").assertLayer(new LeakyRelu(0.2f));
        TorchFixture.load("layers", "elu").assertLayer(new Elu());
        TorchFixture.load("layers", "elu_alpha").assertLayer(new Elu(0.5f));
        TorchFixture.load("layers", "sigmoid").assertLayer(new Sigmoid());
        TorchFixture.load("layers", "tanh").assertLayer(new Tanh());
        TorchFixture.load("layers", "softmax").assertLayer(new Softmax());
        TorchFixture.load("layers", "softmax_dim1").assertLayer(new Softmax(1));
        TorchFixture.load("layers", "log_softmax").assertLayer(new LogSoftmax(1));
        TorchFixture.load("layers", "silu").assertLayer(new Silu());
        TorchFixture.load("layers", "gelu").assertLayer(new Gelu());
        TorchFixture.load("layers", "gelu_tanh").assertLayer(new Gelu(true));
        TorchFixture.load("layers", "softplus").assertLayer(new Softplus());
        TorchFixture.load("layers", "softplus_beta_threshold").assertLayer(new Softplus(2f, 1f));
    }

    @Test
    void softplusIsLinearAboveItsThresholdAndSmoothBelow() {
        Tensor x = Tensor.of(-1f, 0f, 0.4f, 0.6f, 3f);
        Tensor y = new Softplus(2f, 1f).forward(x);
        assertTrue(y.slice(0, 0, 3).allClose(x.slice(0, 0, 3).softplus(2f)));
        assertTrue(y.slice(0, 3, 5).allClose(x.slice(0, 3, 5)));
        assertTrue(new Softplus().forward(x).allClose(x.softplus()));
    }

    @Test
    void softplusRejectsANonPositiveBeta() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Softplus(0f, 20f));
        assertEquals("Softplus: beta must be finite and > 0, got 0.0", e.getMessage());
    }

    @Test
    void preluMatchesPyTorchWithOneSlopeOrOnePerChannel() {
        TorchFixture.load("layers", "prelu").assertLayer(new Prelu());
        TorchFixture.load("layers", "prelu_channels").assertLayer(new Prelu(3, 0.25f));
    }
}
