package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The fused attention's dropout draws its masks in parallel chunks of rows from the generator's
 * state: the same masks as drawing in order, two 24-bit uniforms per 64 random bits through all
 * rows (a pair may straddle two rows when the key count is odd), on any number of threads.
 */
class AttentionDropoutTest {

    @Test
    void chunkedDrawsGiveTheMasksOfTheDrawsInOrder() {
        int n = 3, heads = 2, length = 2000, keys = 7, depth = 4;
        Tensor q = Tensor.uniform(new Generator(1), -1f, 1f, n, heads, length, depth);
        Tensor k = Tensor.uniform(new Generator(2), -1f, 1f, n, heads, keys, depth);
        Tensor v = Tensor.uniform(new Generator(3), -1f, 1f, n, heads, keys, depth);
        float rate = 0.25f;
        float[] expected = inOrder(Attention.weights(q, k, AttentionMask.none(), false), new Generator(9), rate)
                .reshape(n, heads, length, keys).matmul(v).toFloatArray();
        int old = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                Generator generator = new Generator(9);
                float[] actual = Attention.scaledDotProductAttention(q, k, v, AttentionMask.none(), false, rate,
                        generator).toFloatArray();
                assertArrayEquals(expected, actual, 1e-5f, threads + " threads");
                Generator sequential = new Generator(9);
                for (long i = 0; i < ((long) n * heads * length * keys + 1) / 2; i++) {
                    sequential.nextLong();
                }
                assertEquals(sequential.nextLong(), generator.nextLong(), "the generator continues after the draws");
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    /** The weights with dropout drawn one after another: the first 24 bits of a draw, then its second 24. */
    private static Tensor inOrder(Tensor weights, Generator generator, float rate) {
        float[] w = weights.toFloatArray();
        long threshold = Creation.bernoulliThreshold(1f - rate);
        long random = 0;
        for (int i = 0; i < w.length; i++) {
            long bits;
            if (i % 2 == 0) {
                random = generator.nextLong();
                bits = random >>> 40;
            } else {
                bits = (random >>> 16) & 0xFFFFFFL;
            }
            w[i] = bits < threshold ? w[i] / (1f - rate) : 0f;
        }
        return Tensor.of(w);
    }
}
