package dev.nabla.tensor;

import dev.nabla.kernels.RecurrentCells;
import java.util.Arrays;

/**
 * A thread's recently packed recurrent weights ({@link RecurrentCells#pack}), for calls that keep
 * no activations (inference): a batch-one call would otherwise spend a good part of its time
 * re-packing the hidden weight. An entry is reused at once when the weight is a view of the same
 * storage at the same offset and the storage has not been written since the entry was packed
 * ({@link Storage#version()}: every write path counts itself); failing that, when the weight's
 * elements equal the copy the entry was packed from (a vectorised comparison, cheaper than the
 * transposing pack: a contiguous copy of a strided weight, or a weight written with its own
 * values). The layout arguments must match too, so an updated weight is never served stale. A few
 * entries, each at most {@link #LARGEST} floats, so that stacked and bidirectional layers each
 * keep theirs.
 */
final class PackedWeightCache {

    /** Entries per thread. */
    private static final int ENTRIES = 4;
    /** The largest weight cached, in floats (4 MB). */
    static final int LARGEST = 1 << 20;

    private static final ThreadLocal<PackedWeightCache> LOCAL = ThreadLocal.withInitial(PackedWeightCache::new);

    private final float[][] sources = new float[ENTRIES][];
    private final Storage[] storages = new Storage[ENTRIES];
    private final long[] versions = new long[ENTRIES];
    private final int[] offsets = new int[ENTRIES];
    private final float[][] packed = new float[ENTRIES][];
    private final int[][] layouts = new int[ENTRIES][];
    private int next;

    private PackedWeightCache() {
    }

    static PackedWeightCache get() {
        return LOCAL.get();
    }

    /**
     * {@code w}'s elements packed as {@link RecurrentCells#pack} would with these arguments (from
     * {@code w}'s offset in its storage): a cached array when an entry was packed from the same
     * unwritten storage or from equal elements the same way, else freshly packed (and remembered
     * when small enough). The result must not be written to.
     */
    float[] pack(RecurrentCells cells, Tensor w, int ld, boolean transposed, int depth, int width) {
        int count = transposed ? (width - 1) * ld + depth : (depth - 1) * ld + width;
        int[] layout = {ld, transposed ? 1 : 0, depth, width};
        Storage storage = w.storage();
        int off = w.offset();
        long version = storage.version(); // read before the elements, so a later write is never missed
        for (int e = 0; e < ENTRIES; e++) {
            if (storages[e] == storage && versions[e] == version && offsets[e] == off
                    && sources[e].length == count && Arrays.equals(layouts[e], layout)) {
                return packed[e];
            }
        }
        float[] values = w.data();
        for (int e = 0; e < ENTRIES; e++) {
            float[] source = sources[e];
            if (source != null && source.length == count && Arrays.equals(layouts[e], layout)
                    && Arrays.equals(source, 0, count, values, off, off + count)) {
                storages[e] = storage;
                versions[e] = version;
                offsets[e] = off;
                return packed[e];
            }
        }
        float[] result = new float[cells.packedSize(depth, width)];
        cells.pack(values, off, ld, transposed, depth, width, result);
        if (count <= LARGEST) {
            sources[next] = Arrays.copyOfRange(values, off, off + count);
            storages[next] = storage;
            versions[next] = version;
            offsets[next] = off;
            packed[next] = result;
            layouts[next] = layout;
            next = (next + 1) % ENTRIES;
        }
        return result;
    }
}
