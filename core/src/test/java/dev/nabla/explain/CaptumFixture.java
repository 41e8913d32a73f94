package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.io.PyTorchWeights;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The model, input and Captum's attributions of {@code fixtures/explanations/}, written by
 * {@code generate_explanations.py} (Captum's definitions in PyTorch, float64).
 */
final class CaptumFixture {

    /** The largest difference allowed from Captum's values. */
    static final float TOLERANCE = 1e-4f;

    static final int[] TARGETS = {0, 2};

    private CaptumFixture() {
    }

    /** The Nabla twin of the fixture's CNN, with its weights. */
    static Sequential model() {
        ConvolutionOptions padded = ConvolutionOptions.defaults().padding(1);
        Sequential model = new Sequential(
                new Conv2d(Conv2d.Config.of(4, 3).inChannels(1).options(padded)), new Relu(), new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(6, 3).inChannels(4).options(padded)), new Relu(),
                new Flatten(), Dense.linear(96, 3));
        try {
            PyTorchWeights.load(model, TorchFixture.path("explanations/model_state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    static Tensor tensor(String name) {
        try {
            Map<String, Tensor> tensors = Safetensors.read(TorchFixture.path("explanations/attributions")).tensors();
            return tensors.get(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every value of {@code actual} within {@link #TOLERANCE} of Captum's {@code name}. */
    static void assertMatchesCaptum(String name, Tensor actual) {
        Tensor expected = tensor(name);
        assertEquals(expected.shape(), actual.shape(), name);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        float worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(e[i] - a[i]));
        }
        if (worst > TOLERANCE) {
            throw new AssertionError(name + ": largest difference from Captum " + worst + " > " + TOLERANCE);
        }
    }
}
