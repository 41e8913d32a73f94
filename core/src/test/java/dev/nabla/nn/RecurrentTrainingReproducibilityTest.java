package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.Parallel;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training a recurrent network twice from the same seed gives the same weights to the bit, on one
 * thread and on two, whichever of its code the JIT has compiled by then: the first run starts
 * cold (interpreted), the later ones run compiled code. The sizes straddle the vector lanes
 * (hidden 20), make several blocks of batch rows (40) and a weight gradient in parts (T·N = 1,600).
 */
class RecurrentTrainingReproducibilityTest {

    private static final int BATCH = 80;
    private static final int STEPS = 20;
    private static final int FEATURES = 6;
    private static final int HIDDEN = 20;

    private static float[] train(String cell, int threads) {
        int old = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            Layer.manualSeed(5);
            RecurrentLayer recurrent = "lstm".equals(cell) ? new Lstm(HIDDEN) : new Gru(HIDDEN);
            recurrent.build(1, STEPS, FEATURES);
            Sequential network = new Sequential(recurrent, Dense.linear(HIDDEN, 3));
            Optimizer optimizer = new Adam(network.trainableParameters(), 1e-2f);
            Generator data = new Generator(9);
            for (int step = 0; step < 4; step++) {
                Tensor x = Tensor.randn(data, BATCH, STEPS, FEATURES);
                Tensor y = Tensor.randn(data, BATCH, 3);
                Tensor difference = network.forward(x).sub(y);
                difference.mul(difference).mean().backward();
                optimizer.step();
                optimizer.zeroGrad();
            }
            Map<String, Tensor> weights = network.stateDict();
            float[][] arrays = weights.values().stream().map(Tensor::toFloatArray).toArray(float[][]::new);
            int size = 0;
            for (float[] a : arrays) {
                size += a.length;
            }
            float[] all = new float[size];
            int at = 0;
            for (float[] a : arrays) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            return all;
        } finally {
            Parallel.setThreads(old);
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + ": weight " + i + " is " + actual[i] + ", not " + expected[i]);
        }
    }

    @Test
    void lstmTrainingGivesTheSameWeightsOnEveryRunAndThreadCount() {
        check("lstm");
    }

    @Test
    void gruTrainingGivesTheSameWeightsOnEveryRunAndThreadCount() {
        check("gru");
    }

    private static void check(String cell) {
        float[] first = train(cell, 1);
        assertSameBits(first, train(cell, 2), cell + " on two threads");
        for (int run = 0; run < 2; run++) {
            assertSameBits(first, train(cell, 1 + run % 2), cell + ", run " + (run + 3));
        }
    }
}
