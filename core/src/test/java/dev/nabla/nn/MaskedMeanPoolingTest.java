package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaskedMeanPoolingTest {

    private final Tensor keep = Tensor.of(new float[] {1, 1, 0, 1, 0, 0, 0, 0, 0}, 3, 3);

    @Test
    void theMeanCoversTheRealStepsOnly() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 50, 60, 7, 8, 70, 80, 90, 100, 1, 1, 1, 1, 1, 1}, 3, 3, 2);
        Tensor pooled = new MaskedMeanPooling().forward(Masks.attach(x, keep));
        assertArrayEquals(new float[] {2, 3, 7, 8, 0, 0}, pooled.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {18, 22, 55.666668f, 62.666668f, 1, 1},
                new MaskedMeanPooling().forward(Tensor.of(x.toFloatArray(), 3, 3, 2)).toFloatArray(), 1e-4f);
    }

    @Test
    void gradientsReachTheRealStepsOnly() {
        Tensor x = Tensor.uniform(new Generator(3), -1f, 1f, 3, 3, 2).requiresGrad(true);
        MaskedMeanPooling pooling = new MaskedMeanPooling();
        GradCheck.assertGradients(in -> pooling.forward(Masks.attach(in[0], keep)), x);
        pooling.forward(Masks.attach(x, keep)).sum().backward();
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void itNeedsSequences() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MaskedMeanPooling().forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("[batch, length, features]"), e.getMessage());
    }
}
