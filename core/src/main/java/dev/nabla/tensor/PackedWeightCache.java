package dev.nabla.tensor;

import dev.nabla.kernels.RecurrentCells;
import java.util.Arrays;

/**
 * A thread's recently packed recurrent weights ({@link RecurrentCells#pack}), for calls that keep
 * no activations (inference): a batch-one call would otherwise spend a good part of its time
 * re-packing the hidden weight. An entry is reused only when the weight's elements equal the copy
 * it was packed from (one vectorised comparison, much cheaper than the transposing pack) and the
 * layout arguments match, so an updated weight is never served stale. A few entries, each at most
 * {@link #LARGEST} floats, so that stacked and bidirectional layers each keep theirs.
 */
final class PackedWeightCache {

    /** Entries per thread. */
    private static final int ENTRIES = 4;
    /** The largest weight cached, in floats (4 MB). */
    static final int LARGEST = 1 << 20;

    private static final ThreadLocal<PackedWeightCache> LOCAL = ThreadLocal.withInitial(PackedWeightCache::new);

    private final float[][] sources = new float[ENTRIES][];
    private final float[][] packed = new float[ENTRIES][];
    private final int[][] layouts = new int[ENTRIES][];
    private int next;

    private PackedWeightCache() {
    }

    static PackedWeightCache get() {
        return LOCAL.get();
    }

    /**
     * {@code w[off ..]} packed as {@link RecurrentCells#pack} would with these arguments: a cached
     * array when an entry was packed from equal elements the same way, else freshly packed (and
     * remembered when small enough). The result must not be written to.
     */
    float[] pack(RecurrentCells cells, float[] w, int off, int ld, boolean transposed, int depth, int width) {
        int count = transposed ? (width - 1) * ld + depth : (depth - 1) * ld + width;
        int[] layout = {ld, transposed ? 1 : 0, depth, width};
        for (int e = 0; e < ENTRIES; e++) {
            float[] source = sources[e];
            if (source != null && source.length == count && Arrays.equals(layouts[e], layout)
                    && Arrays.equals(source, 0, count, w, off, off + count)) {
                return packed[e];
            }
        }
        float[] result = new float[cells.packedSize(depth, width)];
        cells.pack(w, off, ld, transposed, depth, width, result);
        if (count <= LARGEST) {
            sources[next] = Arrays.copyOfRange(w, off, off + count);
            packed[next] = result;
            layouts[next] = layout;
            next = (next + 1) % ENTRIES;
        }
        return result;
    }
}
