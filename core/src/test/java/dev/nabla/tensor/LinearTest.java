package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.Parallel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinearTest {

    /** x [2, 3, 4], W [5, 4], b [5], drawn so that no pre-activation lies within 0.1 of relu's kink. */
    private static Tensor[] smoothInputs(boolean withBias) {
        for (long seed = 1; ; seed++) {
            Generator gen = new Generator(seed);
            Tensor x = TestTensors.leaf(gen, -1f, 1f, 2, 3, 4);
            Tensor w = TestTensors.leaf(gen, -1f, 1f, 5, 4);
            Tensor b = withBias ? TestTensors.leaf(gen, -1f, 1f, 5) : null;
            Tensor z = x.matmul(w.transpose(0, 1));
            z = b == null ? z : z.add(b);
            if (z.abs().min().item() > 0.1f) {
                return withBias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
            }
        }
    }

    private static Tensor unfused(Tensor x, Tensor w, Tensor b, ActivationFunction activation) {
        Tensor z = x.matmul(w.transpose(0, 1));
        return activation.apply(b == null ? z : z.add(b));
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void gradientsMatchFiniteDifferences(ActivationFunction activation) {
        GradCheck.assertGradients(in -> Linear.linear(in[0], in[1], in[2], activation), smoothInputs(true));
        GradCheck.assertGradients(in -> Linear.linear(in[0], in[1], null, activation), smoothInputs(false));
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void agreesWithTheUnfusedOps(ActivationFunction activation) {
        Generator gen = new Generator(7);
        Tensor x = TestTensors.leaf(gen, -2f, 2f, 37, 33);
        Tensor w = TestTensors.leaf(gen, -1f, 1f, 19, 33);
        Tensor b = TestTensors.leaf(gen, -1f, 1f, 19);
        Tensor g = Tensor.uniform(gen, -1f, 1f, 37, 19);
        Tensor fused = Linear.linear(x, w, b, activation);
        fused.backward(g);
        List<float[]> fusedGradients = List.of(x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray());
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();
        Tensor reference = unfused(x, w, b, activation);
        reference.backward(g);
        boolean exact = activation == ActivationFunction.LINEAR || activation == ActivationFunction.RELU;
        // The same GEMMs and elementwise formulas: equal values, up to where a vector loop ends.
        assertArrayEquals(reference.toFloatArray(), fused.toFloatArray(), exact ? 0f : 1e-6f, "forward");
        assertArrayEquals(x.grad().toFloatArray(), fusedGradients.get(0), exact ? 0f : 1e-5f, "input gradient");
        assertArrayEquals(w.grad().toFloatArray(), fusedGradients.get(1), exact ? 0f : 1e-5f, "weight gradient");
        // The bias gradient is summed in blocks of rows rather than along the whole column.
        assertArrayEquals(b.grad().toFloatArray(), fusedGradients.get(2), 1e-5f, "bias gradient");
    }

    @Test
    void keepsLeadingDimensionsAndTakesVectors() {
        Tensor w = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
        Tensor b = Tensor.of(10f, -100f);
        assertEquals(Shape.of(4, 5, 2), Linear.linear(Tensor.ones(4, 5, 3), w, b, ActivationFunction.LINEAR).shape());
        Tensor y = Linear.linear(Tensor.of(1f, 1f, 1f), w, b, ActivationFunction.RELU);
        assertArrayEquals(new float[] {16f, 0f}, y.toFloatArray());
        assertEquals(Shape.of(0, 2), Linear.linear(Tensor.zeros(0, 3), w, b, ActivationFunction.RELU).shape());
    }

    @Test
    void onlyInputsThatRequireGradGetGradients() {
        Tensor x = Tensor.ones(2, 3);
        Tensor w = Tensor.ones(4, 3).requiresGrad(true);
        Tensor b = Tensor.ones(4);
        Linear.linear(x, w, b, ActivationFunction.TANH).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        assertEquals(Shape.of(4, 3), w.grad().shape());
    }

    @Test
    void gradientsKeptWithoutACopyAreNeverSharedBetweenTensors() {
        // The weight gradient goes to the first tensor that keeps it as it is; add passes the
        // same gradient on to both of its inputs, so the second must get a copy.
        Tensor first = Tensor.ones(2, 3).requiresGrad(true);
        Tensor second = Tensor.ones(2, 3).requiresGrad(true);
        Tensor weight = first.add(second).retainGrad();
        Linear.linear(Tensor.ones(4, 3), weight, null, ActivationFunction.LINEAR).sum().backward();
        float[] expected = weight.grad().toFloatArray();
        try (NoGrad ignored = NoGrad.enter()) {
            weight.grad().assign(Tensor.zeros(2, 3));
            first.grad().assign(Tensor.full(7f, 2, 3));
        }
        assertArrayEquals(expected, second.grad().toFloatArray());
        assertEquals(4f, expected[0]);
    }

    @Test
    void resultsAndGradientsDoNotDependOnTheThreadCount() {
        Generator gen = new Generator(3);
        Tensor x = TestTensors.leaf(gen, -1f, 1f, 300, 200);
        Tensor w = TestTensors.leaf(gen, -1f, 1f, 130, 200);
        Tensor b = TestTensors.leaf(gen, -1f, 1f, 130);
        Tensor g = Tensor.uniform(gen, -1f, 1f, 300, 130);
        int old = Parallel.threads();
        float[][][] results = new float[2][][];
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                x.zeroGrad();
                w.zeroGrad();
                b.zeroGrad();
                Tensor y = Linear.linear(x, w, b, ActivationFunction.RELU);
                y.backward(g);
                results[threads - 1] = new float[][] {y.toFloatArray(), x.grad().toFloatArray(),
                    w.grad().toFloatArray(), b.grad().toFloatArray()};
            }
        } finally {
            Parallel.setThreads(old);
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(results[0][i], results[1][i], "result " + i);
        }
    }

    @Test
    void shapesThatDoNotFitAreRejectedWithTheExpectedShape() {
        Tensor w = Tensor.ones(2, 3);
        var input = assertThrows(IllegalArgumentException.class,
                () -> Linear.linear(Tensor.ones(4, 5), w, null, ActivationFunction.LINEAR));
        assertTrue(input.getMessage().contains("[4, 5]") && input.getMessage().contains("must be 3"), input.getMessage());
        var bias = assertThrows(IllegalArgumentException.class,
                () -> Linear.linear(Tensor.ones(4, 3), w, Tensor.ones(3), ActivationFunction.LINEAR));
        assertTrue(bias.getMessage().contains("bias must have shape [2]"), bias.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Linear.linear(Tensor.ones(4, 3), Tensor.ones(3), null, ActivationFunction.LINEAR));
    }

    @Test
    void recordingNothingEachRowIsBitForBitWhatItGivesAloneWhateverTheBatch() {
        Generator gen = new Generator(19);
        Tensor w = Tensor.rand(gen, 128, 300).sub(0.5f);
        Tensor b = Tensor.rand(gen, 128);
        Tensor x = Tensor.rand(gen, 70, 300).sub(0.5f);
        try (NoGrad ignored = NoGrad.enter()) {
            float[][] alone = new float[70][];
            for (int i = 0; i < 70; i++) {
                alone[i] = Linear.linear(x.slice(0, i, i + 1), w, b, ActivationFunction.RELU).toFloatArray();
            }
            for (int rows : new int[] {2, 12, 13, 16, 33, 64, 70}) {
                float[] batch = Linear.linear(x.slice(0, 0, rows), w, b, ActivationFunction.RELU).toFloatArray();
                for (int i = 0; i < rows; i++) {
                    assertArrayEquals(alone[i], java.util.Arrays.copyOfRange(batch, i * 128, (i + 1) * 128), 0f,
                            "row " + i + " of " + rows);
                }
            }
        }
        // Recording (training), a large batch takes the blocked product: the same values to rounding.
        assertArrayEquals(Linear.linear(x, w, b, ActivationFunction.RELU).toFloatArray(),
                unfused(x, w, b, ActivationFunction.RELU).toFloatArray(), 1e-4f);
    }
}
