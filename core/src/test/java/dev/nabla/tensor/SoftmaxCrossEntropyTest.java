package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

    private static Tensor composed(Tensor logits, Tensor labels) {
        return logits.logSoftmax(-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1).neg();
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator gen = new Generator(1);
        Tensor logits = TestTensors.leaf(gen, -3f, 3f, 2, 3, 5);
        Tensor labels = Tensor.randint(gen, 0, 5, 2, 3);
        GradCheck.assertGradients(in -> SoftmaxCrossEntropy.perSample(in[0], labels), logits);
    }

    @Test
    void agreesWithLogSoftmaxGatherAndNegation() {
        Generator gen = new Generator(2);
        for (int classes : new int[] {1, 3, 10, 17, 100}) {
            Tensor logits = TestTensors.leaf(gen, -20f, 20f, 33, classes);
            Tensor labels = Tensor.randint(gen, 0, classes, 33);
            Tensor g = Tensor.uniform(gen, -1f, 1f, 33);
            Tensor fused = SoftmaxCrossEntropy.perSample(logits, labels);
            fused.backward(g);
            float[] fusedGradient = logits.grad().toFloatArray();
            logits.zeroGrad();
            Tensor reference = composed(logits, labels);
            reference.backward(g);
            assertArrayEquals(reference.toFloatArray(), fused.toFloatArray(), "loss, " + classes + " classes");
            assertArrayEquals(logits.grad().toFloatArray(), fusedGradient, 1e-6f, "gradient, " + classes + " classes");
        }
    }

    @Test
    void largeLogitsStayFinite() {
        Tensor logits = Tensor.of(new float[][] {{1000f, 0f, -1000f}, {-1e30f, 1e30f, 0f}});
        Tensor loss = SoftmaxCrossEntropy.perSample(logits, Tensor.of(0f, 0f));
        assertArrayEquals(new float[] {0f, 2e30f}, loss.toFloatArray(), 1e-3f);
    }

    @Test
    void rowsAreSplitOverThreadsWithoutChangingResults() {
        Generator gen = new Generator(3);
        Tensor logits = TestTensors.leaf(gen, -5f, 5f, 5000, 30);
        Tensor labels = Tensor.randint(gen, 0, 30, 5000);
        int old = Parallel.threads();
        float[][] results = new float[4][];
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                logits.zeroGrad();
                Tensor loss = SoftmaxCrossEntropy.perSample(logits, labels);
                loss.sum().backward();
                results[2 * (threads - 1)] = loss.toFloatArray();
                results[2 * (threads - 1) + 1] = logits.grad().toFloatArray();
            }
        } finally {
            Parallel.setThreads(old);
        }
        // Each row is computed whole by one thread, so the split cannot change a result. But the
        // Vector API's exp rounds differently before and after the JIT compiles the loop that
        // calls it, which may happen between the two runs: allow that last-bit difference.
        assertArrayEquals(results[0], results[2], 1e-6f);
        assertArrayEquals(results[1], results[3], 1e-6f);
    }

    @Test
    void labelsOfTheWrongShapeOrOutOfRangeAreRejected() {
        Tensor logits = Tensor.zeros(4, 3);
        var shape = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.perSample(logits, Tensor.zeros(4, 1)));
        assertTrue(shape.getMessage().contains("labels of shape [4], got labels [4, 1]"), shape.getMessage());
        var range = assertThrows(IndexOutOfBoundsException.class,
                () -> SoftmaxCrossEntropy.perSample(logits, Tensor.of(0f, 1f, 2f, 3f)));
        assertTrue(range.getMessage().contains("index 3"), range.getMessage());
        assertEquals(Shape.of(), SoftmaxCrossEntropy.perSample(Tensor.zeros(3), Tensor.scalar(1f)).shape());
    }
}
