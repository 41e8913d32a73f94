package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.Parallel;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Results must not depend on the thread count: kernels chunk work by size, not by thread. */
class ThreadDeterminismTest {

    /** Runs op with 1 thread and with 2 threads, restoring the previous setting. */
    private static float[][] withOneAndTwoThreads(Supplier<Tensor> op) {
        int old = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = op.get().toFloatArray();
            Parallel.setThreads(2);
            float[] two = op.get().toFloatArray();
            return new float[][] {one, two};
        } finally {
            Parallel.setThreads(old);
        }
    }

    private static void assertBitwiseEqual(float[][] results) {
        assertEquals(results[0].length, results[1].length);
        for (int i = 0; i < results[0].length; i++) {
            if (Float.floatToRawIntBits(results[0][i]) != Float.floatToRawIntBits(results[1][i])) {
                assertEquals(results[0][i], results[1][i], "element " + i + " differs between 1 and 2 threads");
                assertEquals(Float.floatToRawIntBits(results[0][i]), Float.floatToRawIntBits(results[1][i]),
                        "element " + i + " differs in its bits between 1 and 2 threads");
            }
        }
    }

    @Test
    void largeMatMulIsBitwiseIdentical() {
        Generator gen = new Generator(1);
        Tensor a = Tensor.randn(gen, 300, 500);
        Tensor b = Tensor.randn(gen, 500, 200);
        assertBitwiseEqual(withOneAndTwoThreads(() -> a.matmul(b)));
    }

    @Test
    void batchedMatMulIsBitwiseIdentical() {
        Generator gen = new Generator(2);
        Tensor a = Tensor.randn(gen, 16, 20, 30);
        Tensor b = Tensor.randn(gen, 30, 10);
        assertBitwiseEqual(withOneAndTwoThreads(() -> a.matmul(b)));
    }

    @Test
    void sumOfTenMillionElementsIsBitwiseIdentical() {
        Tensor x = Tensor.uniform(new Generator(3), -1f, 1f, 10_000_000);
        float[][] results = withOneAndTwoThreads(x::sum);
        assertBitwiseEqual(results);
        float[][] means = withOneAndTwoThreads(x::mean);
        assertBitwiseEqual(means);
    }

    @Test
    void sumAlongAnAxisIsBitwiseIdentical() {
        Tensor x = Tensor.uniform(new Generator(4), -1f, 1f, 2000, 3000);
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.sum(0)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.sum(1)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.softmax(1)));
    }

    @Test
    void threadCountIsRestored() {
        int before = Parallel.threads();
        withOneAndTwoThreads(() -> Tensor.ones(3).sum());
        assertEquals(before, Parallel.threads());
        assertArrayEquals(new float[] {3f}, Tensor.ones(3).sum().toFloatArray());
    }

    @Test
    void clampArgmaxAndDropoutAreBitwiseIdentical() {
        Tensor x = Tensor.uniform(new Generator(5), -2f, 2f, 1 << 20);
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.clamp(-1f, 1f)));
        Tensor rows = x.reshape(4096, 256);
        assertBitwiseEqual(withOneAndTwoThreads(() -> rows.argmax(1, false)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> rows.argmin(0, false)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> InvertedDropout.apply(x, new Generator(6), 0.3f)));
    }

    @Test
    void indexSelectGatherAndTheirGradientsAreBitwiseIdentical() {
        Tensor x = Tensor.uniform(new Generator(7), -1f, 1f, 400, 300);
        Tensor index = Tensor.randint(new Generator(8), 0, 300, 200);
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.indexSelect(1, index)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> gradient(x, t -> t.indexSelect(1, index))));
        Tensor positions = Tensor.randint(new Generator(9), 0, 300, 400, 300);
        assertBitwiseEqual(withOneAndTwoThreads(() -> x.gather(1, positions)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> gradient(x, t -> t.gather(1, positions))));
    }

    @Test
    void poolingAndItsGradientsAreBitwiseIdentical() {
        Tensor x = Tensor.uniform(new Generator(10), -1f, 1f, 16, 16, 32, 32);
        assertBitwiseEqual(withOneAndTwoThreads(() -> Pooling.avgPool2d(x, 3, 2, 1)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> Pooling.avgPool2d(x, 2)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> gradient(x, t -> Pooling.avgPool2d(t, 3, 1, 1))));
        assertBitwiseEqual(withOneAndTwoThreads(() -> Pooling.maxPool2d(x, 3, 2, 1)));
        assertBitwiseEqual(withOneAndTwoThreads(() -> gradient(x, t -> Pooling.maxPool2d(t, 3, 1, 1))));
    }

    /** The gradient with respect to x of a weighted sum of {@code op(x)}, the weights drawn once per call. */
    private static Tensor gradient(Tensor x, java.util.function.UnaryOperator<Tensor> op) {
        Tensor input = x.detach().requiresGrad(true);
        Tensor y = op.apply(input);
        Tensor weights = Tensor.uniform(new Generator(11), 0.5f, 2f, y.shape().toArray());
        y.mul(weights).sum().backward();
        return input.grad();
    }
}
