package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.Parallel;
import org.junit.jupiter.api.Test;

class LayerNormalizationTest {

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape).requiresGrad(true);
    }

    /** (x − mean)/√(var + eps)·w + b over the last d values, from primitive ops. */
    private static Tensor composed(Tensor x, int[] axes, Tensor w, Tensor b, float eps) {
        Tensor centered = x.sub(x.mean(axes, true));
        Tensor y = centered.div(x.var(axes, 0, true).add(eps).sqrt());
        return w == null ? y : y.mul(w).add(b);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithAndWithoutAffine() {
        Tensor x = leaf(1, 3, 2, 5);
        Tensor w = leaf(2, 5);
        Tensor b = leaf(3, 5);
        GradCheck.Result affine = GradCheck.defaults().check(in -> LayerNormalization.layerNorm(in[0], 5, in[1], in[2],
                1e-5f), x, w, b);
        assertTrue(affine.passed(), affine.toString());
        GradCheck.Result plain = GradCheck.defaults().check(in -> LayerNormalization.layerNorm(in[0], 10, null, null,
                1e-3f), leaf(4, 3, 2, 5));
        assertTrue(plain.passed(), plain.toString());
    }

    @Test
    void equalsTheComposedOpsForwardAndBackward() {
        Tensor x = leaf(5, 7, 3, 64).mul(3f).add(2f).detach().requiresGrad(true);
        Tensor w = leaf(6, 64);
        Tensor b = leaf(7, 64);
        Tensor weight = Tensor.randn(new Generator(8), 7, 3, 64);
        Tensor fused = LayerNormalization.layerNorm(x, 64, w, b, 1e-5f);
        fused.mul(weight).sum().backward();
        Tensor[] fusedGrads = {x.grad(), w.grad(), b.grad()};
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();
        Tensor reference = composed(x, new int[] {2}, w, b, 1e-5f);
        reference.mul(weight).sum().backward();
        assertTrue(reference.allClose(fused, 1e-5f, 1e-5f), "forward");
        Tensor[] referenceGrads = {x.grad(), w.grad(), b.grad()};
        for (int i = 0; i < 3; i++) {
            assertTrue(referenceGrads[i].allClose(fusedGrads[i], 1e-4f, 1e-4f), "gradient " + i);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Tensor x = leaf(9, 3000, 64);
        Tensor w = leaf(10, 64);
        Tensor b = leaf(11, 64);
        Tensor weight = Tensor.randn(new Generator(12), 3000, 64);
        int old = Parallel.threads();
        float[][][] results = new float[2][][];
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                Tensor y = LayerNormalization.layerNorm(x, 64, w, b, 1e-5f);
                y.mul(weight).sum().backward();
                results[threads - 1] = new float[][] {y.toFloatArray(), x.grad().toFloatArray(),
                    w.grad().toFloatArray(), b.grad().toFloatArray()};
                x.zeroGrad();
                w.zeroGrad();
                b.zeroGrad();
            }
        } finally {
            Parallel.setThreads(old);
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(results[0][i], results[1][i], 0f, "result " + i);
        }
    }

    @Test
    void badSizesAreRefused() {
        var rows = assertThrows(IllegalArgumentException.class,
                () -> LayerNormalization.layerNorm(Tensor.ones(2, 5), 3, null, null, 1e-5f));
        assertTrue(rows.getMessage().contains("rows of 3"), rows.getMessage());
        var weight = assertThrows(IllegalArgumentException.class,
                () -> LayerNormalization.layerNorm(Tensor.ones(2, 5), 5, Tensor.ones(4), null, 1e-5f));
        assertTrue(weight.getMessage().contains("5 values"), weight.getMessage());
    }
}
