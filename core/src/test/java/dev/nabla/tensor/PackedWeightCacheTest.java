package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.RecurrentCells;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedWeightCacheTest {

    private final RecurrentCells cells = RecurrentCells.of(KernelProvider.get());

    private float[] fresh(float[] w, int off, int ld, boolean transposed, int depth, int width) {
        float[] out = new float[cells.packedSize(depth, width)];
        cells.pack(w, off, ld, transposed, depth, width, out);
        return out;
    }

    /** Equal elements packed the same way come back from the cache; a changed element or layout packs again. */
    @Test
    void reusesOnlyAnEqualWeightPackedTheSameWay() {
        PackedWeightCache cache = PackedWeightCache.get();
        float[] w = Tensor.uniform(new Generator(3), -1f, 1f, 40, 7).toFloatArray();
        float[] first = cache.pack(cells, w, 0, 7, true, 7, 40);
        assertArrayEquals(fresh(w, 0, 7, true, 7, 40), first);
        assertSame(first, cache.pack(cells, w.clone(), 0, 7, true, 7, 40));

        float[] untransposed = cache.pack(cells, w, 0, 7, false, 40, 7);
        assertNotSame(first, untransposed);
        assertArrayEquals(fresh(w, 0, 7, false, 40, 7), untransposed);

        w[123] += 0.5f;
        float[] updated = cache.pack(cells, w, 0, 7, true, 7, 40);
        assertNotSame(first, updated);
        assertArrayEquals(fresh(w, 0, 7, true, 7, 40), updated);
    }

    /** An LSTM without gradients follows its weight updated in place between calls. */
    @Test
    void inferenceSeesAWeightUpdatedInPlace() {
        Tensor x = Tensor.uniform(new Generator(1), -1f, 1f, 1, 5, 3);
        Tensor wIh = Tensor.uniform(new Generator(2), -0.5f, 0.5f, 16, 3);
        Tensor wHh = Tensor.uniform(new Generator(4), -0.5f, 0.5f, 16, 4);
        Tensor before = inference(x, wIh, wHh);
        assertArrayEquals(before.toFloatArray(), inference(x, wIh, wHh).toFloatArray());
        wHh.data()[wHh.offset() + 5] += 0.25f;
        wIh.data()[wIh.offset() + 2] -= 0.25f;
        Tensor expected = run(x, wIh.detach().requiresGrad(true), wHh.detach().requiresGrad(true));
        assertArrayEquals(expected.toFloatArray(), inference(x, wIh, wHh).toFloatArray());
    }

    private static Tensor inference(Tensor x, Tensor wIh, Tensor wHh) {
        try (NoGrad ignored = NoGrad.enter()) {
            return run(x, wIh, wHh);
        }
    }

    private static Tensor run(Tensor x, Tensor wIh, Tensor wHh) {
        List<Tensor> out = Recurrence.run(Recurrence.Cell.LSTM, x, null, null, wIh, wHh, null, null, null, false);
        return out.get(0);
    }
}
