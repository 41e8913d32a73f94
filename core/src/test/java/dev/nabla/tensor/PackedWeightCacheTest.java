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

    private float[] fresh(Tensor w, int ld, boolean transposed, int depth, int width) {
        float[] out = new float[cells.packedSize(depth, width)];
        cells.pack(w.data(), w.offset(), ld, transposed, depth, width, out);
        return out;
    }

    /** The same unwritten storage, or equal elements, packed the same way come back from the cache; a layout change packs again. */
    @Test
    void reusesAnUnwrittenOrEqualWeightPackedTheSameWay() {
        PackedWeightCache cache = PackedWeightCache.get();
        Tensor w = Tensor.uniform(new Generator(3), -1f, 1f, 40, 7);
        float[] first = cache.pack(cells, w, 7, true, 7, 40);
        assertArrayEquals(fresh(w, 7, true, 7, 40), first);
        assertSame(first, cache.pack(cells, w, 7, true, 7, 40));
        assertSame(first, cache.pack(cells, w.detach(), 7, true, 7, 40));
        assertSame(first, cache.pack(cells, Tensor.of(w.toFloatArray(), 40, 7), 7, true, 7, 40));

        float[] untransposed = cache.pack(cells, w, 7, false, 40, 7);
        assertNotSame(first, untransposed);
        assertArrayEquals(fresh(w, 7, false, 40, 7), untransposed);
    }

    /** Every way of writing a weight in place makes the next call pack the new elements. */
    @Test
    void repacksAfterEveryKindOfInPlaceWrite() {
        PackedWeightCache cache = PackedWeightCache.get();
        Tensor w = Tensor.uniform(new Generator(5), -1f, 1f, 24, 6);
        float[] packed = cache.pack(cells, w, 6, true, 6, 24);

        w.assign(Tensor.uniform(new Generator(6), -1f, 1f, 24, 6));
        packed = expectRepacked(cache, w, packed);

        w.slice(0, 3, 5).assign(Tensor.zeros(2, 6));
        packed = expectRepacked(cache, w, packed);

        w.transpose(0, 1).slice(0, 2, 3).assign(Tensor.ones(1, 24));
        packed = expectRepacked(cache, w, packed);

        try (NoGrad ignored = NoGrad.enter()) {
            InPlaceUpdate.apply(w, Tensor.ones(24, 6), (values, gradient) -> values[17] -= 0.5f * gradient[17]);
        }
        packed = expectRepacked(cache, w, packed);

        w.storage().set(w.offset() + 40, 9f);
        expectRepacked(cache, w, packed);
    }

    private float[] expectRepacked(PackedWeightCache cache, Tensor w, float[] before) {
        float[] after = cache.pack(cells, w, 6, true, 6, 24);
        assertNotSame(before, after);
        assertArrayEquals(fresh(w, 6, true, 6, 24), after);
        assertSame(after, cache.pack(cells, w, 6, true, 6, 24));
        return after;
    }

    /** An LSTM without gradients follows its weights updated in place between calls, as an optimizer or a load does. */
    @Test
    void inferenceSeesAWeightUpdatedInPlace() {
        Tensor x = Tensor.uniform(new Generator(1), -1f, 1f, 1, 5, 3);
        Tensor wIh = Tensor.uniform(new Generator(2), -0.5f, 0.5f, 16, 3);
        Tensor wHh = Tensor.uniform(new Generator(4), -0.5f, 0.5f, 16, 4);
        Tensor before = inference(x, wIh, wHh);
        assertArrayEquals(before.toFloatArray(), inference(x, wIh, wHh).toFloatArray());
        try (NoGrad ignored = NoGrad.enter()) {
            InPlaceUpdate.apply(wHh, Tensor.ones(16, 4), (values, gradient) -> values[5] += 0.25f * gradient[5]);
        }
        wIh.assign(wIh.sub(0.125f));
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
