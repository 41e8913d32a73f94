package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

class InvertedDropoutTest {

    @Test
    void givesExactlyTheBernoulliMaskComposition() {
        Tensor x = TestTensors.leaf(new Generator(1), -2f, 2f, 7, 33);
        Tensor g = Tensor.uniform(new Generator(2), -1f, 1f, 7, 33);
        Tensor fused = InvertedDropout.apply(x, new Generator(5), 0.2f);
        fused.backward(g);
        float[] fusedGradient = x.grad().toFloatArray();
        x.zeroGrad();
        Tensor reference = x.mul(Tensor.bernoulli(new Generator(5), 0.8f, 7, 33).div(0.8f));
        reference.backward(g);
        assertArrayEquals(reference.toFloatArray(), fused.toFloatArray());
        assertArrayEquals(x.grad().toFloatArray(), fusedGradient);
    }

    @Test
    void drawsInParallelChunksGiveTheSequentialDrawsOnAnyThreadCount() {
        Tensor x = Tensor.uniform(new Generator(7), -1f, 1f, 300_001);
        float[] reference = x.mul(Tensor.bernoulli(new Generator(8), 0.9f, 300_001).div(0.9f)).toFloatArray();
        int threads = Parallel.threads();
        try {
            for (int count : new int[] {1, 3}) {
                Parallel.setThreads(count);
                Generator generator = new Generator(8);
                assertArrayEquals(reference, InvertedDropout.apply(x, generator, 0.1f).toFloatArray(), count + " threads");
                Generator sequential = new Generator(8);
                for (int i = 0; i < 300_001; i++) {
                    sequential.nextLong();
                }
                assertEquals(sequential.nextLong(), generator.nextLong(), "the generator continues after the draws");
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.leaf(new Generator(3), -1f, 1f, 4, 5);
        // A fresh generator per call: the finite differences see the same mask every time.
        GradCheck.assertGradients(in -> InvertedDropout.apply(in[0], new Generator(9), 0.5f), x);
    }

    @Test
    void keepsAboutOneMinusTheRateAndScalesWhatItKeeps() {
        Tensor y = InvertedDropout.apply(Tensor.ones(100_000), new Generator(4), 0.25f);
        float[] values = y.toFloatArray();
        int kept = 0;
        for (float v : values) {
            kept += v == 0f ? 0 : 1;
            assertEquals(v == 0f ? 0f : 1f / 0.75f, v);
        }
        assertEquals(0.75, kept / 100_000.0, 0.01);
        assertArrayEquals(new float[] {1f, 2f}, InvertedDropout.apply(Tensor.of(1f, 2f), new Generator(1), 0f).toFloatArray());
    }

    @Test
    void aRateOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> InvertedDropout.apply(Tensor.ones(2), new Generator(1), 1f));
        assertThrows(IllegalArgumentException.class, () -> InvertedDropout.apply(Tensor.ones(2), new Generator(1), -0.1f));
    }
}
