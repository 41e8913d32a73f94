package dev.nabla.tensor;

import dev.nabla.kernels.RowOffsetGemm;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Convolution weights packed for {@link RowOffsetGemm}. Without gradients (inference) the packed
 * copy is kept beside the weight's storage, weakly (it goes when the storage does), and reused
 * while the storage has not been written since ({@link Storage#version()}: every write path
 * counts itself) and the weight sits at the same offset with the same sizes: a batch-1 ResNet-18
 * call packed 11 million weights again each time. With gradients the weight changes every step,
 * so it is packed into the thread's workspace and nothing is kept.
 */
final class PackedConvolutionWeights {
    private static final Map<Storage, Entry> KEPT = Collections.synchronizedMap(new WeakHashMap<>());
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private record Entry(int offset, long version, int rows, int[] order, boolean byChannels, float[] packed) {
    }

    private PackedConvolutionWeights() {
    }

    /**
     * The contiguous float32 weight w, read as {@code rows × depth} row-major from its offset,
     * packed by gemm with its columns in {@code order}, for {@link RowOffsetGemm#multiplyPositions}
     * when {@code byChannels}, else for {@link RowOffsetGemm#multiply}. The result must not be written to.
     */
    static float[] packed(Tensor w, int rows, int depth, int[] order, boolean byChannels, RowOffsetGemm gemm) {
        Storage storage = w.storage();
        boolean keep = !NoGrad.isGradEnabled();
        long version = storage.version(); // read before the elements, so a later write is never missed
        if (keep) {
            Entry entry = KEPT.get(storage);
            if (entry != null && entry.offset == w.offset() && entry.version == version && entry.rows == rows
                    && entry.byChannels == byChannels && Arrays.equals(entry.order, order)) {
                return entry.packed;
            }
        }
        int size = byChannels ? gemm.packedChannelsSize(rows, depth) : gemm.packedSize(rows, depth);
        float[][] scratch = SCRATCH.get();
        if (!keep && scratch[0].length < size) {
            scratch[0] = new float[size];
        }
        float[] packed = keep ? new float[size] : scratch[0];
        if (byChannels) {
            gemm.packChannels(w.data(), w.offset(), depth, rows, depth, order, packed);
        } else {
            gemm.pack(w.data(), w.offset(), depth, rows, depth, order, packed);
        }
        if (keep) {
            KEPT.put(storage, new Entry(w.offset(), version, rows, order, byChannels, packed));
        }
        return packed;
    }
}
