package dev.nabla.tensor;

import dev.nabla.kernels.AttentionRows;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import java.util.Arrays;

/**
 * The keys and values one self-attention layer has computed for the positions decoded so far
 * (Hugging Face's {@code past_key_values} for one layer), and attention of new queries over them,
 * so that decoding one more token projects only that token and attends over the stored keys:
 * O(context) work per token instead of a pass over the whole context. Keys are
 * {@code [N, Hkv, S, D]} and values {@code [N, Hkv, S, Dv]}, S the positions so far, held in
 * buffers that grow by doubling, so appending a token copies only that token's keys and values.
 * Inference only: nothing here records gradients. {@code MultiHeadAttention.attendCached} reads
 * and extends it.
 *
 * <pre>{@code
 * var cache = new KeyValueCache();
 * Tensor first = attention.attendCached(prompt, cache);      // [1, L, E]; cache.length() == L
 * Tensor next = attention.attendCached(oneMore, cache);      // [1, 1, E], attends over L + 1 keys
 * }</pre>
 */
public final class KeyValueCache {

    private static final int FIRST_CAPACITY = 64;

    private final Kernels kernels = KernelProvider.get();
    private float[] keys;
    private float[] values;
    private int batch;
    private int heads;
    private int depth;
    private int valueDepth;
    private int length;
    private int capacity;

    /** The number of positions stored. */
    public int length() {
        return length;
    }

    /** A copy of the stored keys {@code [N, Hkv, S, D]}, or null when empty. */
    public Tensor keys() {
        return length == 0 ? null : Tensor.wrap(stored(keys, depth), Shape.of(batch, heads, length, depth));
    }

    /** A copy of the stored values {@code [N, Hkv, S, Dv]}, or null when empty. */
    public Tensor values() {
        return length == 0 ? null : Tensor.wrap(stored(values, valueDepth), Shape.of(batch, heads, length,
                valueDepth));
    }

    private float[] stored(float[] buffer, int width) {
        float[] out = new float[batch * heads * length * width];
        for (int block = 0; block < batch * heads; block++) {
            System.arraycopy(buffer, block * capacity * width, out, block * length * width, length * width);
        }
        return out;
    }

    /** Adds the keys and values of the next positions, {@code [N, Hkv, L, ·]} each, after the stored ones. */
    public void append(Tensor newKeys, Tensor newValues) {
        if (newKeys.rank() != 4 || newValues.rank() != 4 || newKeys.dim(2) != newValues.dim(2)
                || newKeys.dim(0) != newValues.dim(0) || newKeys.dim(1) != newValues.dim(1)) {
            throw new IllegalArgumentException("KeyValueCache: expected keys [N, heads, L, D] and values"
                    + " [N, heads, L, Dv] for the same sequences, heads and positions, got " + newKeys.shape() + " and "
                    + newValues.shape());
        }
        if (length > 0 && (newKeys.dim(0) != batch || newKeys.dim(1) != heads || newKeys.dim(3) != depth
                || newValues.dim(3) != valueDepth)) {
            throw new IllegalArgumentException("KeyValueCache: keys " + newKeys.shape() + " and values "
                    + newValues.shape() + " do not continue the stored [" + batch + ", " + heads + ", " + length + ", "
                    + depth + "] and [" + batch + ", " + heads + ", " + length + ", " + valueDepth + "]");
        }
        if (length == 0) {
            batch = newKeys.dim(0);
            heads = newKeys.dim(1);
            depth = newKeys.dim(3);
            valueDepth = newValues.dim(3);
        }
        int added = newKeys.dim(2);
        reserve(length + added);
        write(newKeys.contiguousData().toFloatArray(), keys, depth, added);
        write(newValues.contiguousData().toFloatArray(), values, valueDepth, added);
        length += added;
    }

    private void reserve(int needed) {
        if (needed <= capacity) {
            return;
        }
        int grown = Math.max(needed, Math.max(FIRST_CAPACITY, 2 * capacity));
        keys = regrow(keys, depth, grown);
        values = regrow(values, valueDepth, grown);
        capacity = grown;
    }

    private float[] regrow(float[] old, int width, int grown) {
        float[] out = new float[batch * heads * grown * width];
        for (int block = 0; old != null && block < batch * heads; block++) {
            System.arraycopy(old, block * capacity * width, out, block * grown * width, length * width);
        }
        return out;
    }

    private void write(float[] added, float[] buffer, int width, int count) {
        for (int block = 0; block < batch * heads; block++) {
            System.arraycopy(added, block * count * width, buffer, (block * capacity + length) * width,
                    count * width);
        }
    }

    /**
     * {@code softmax(q·kᵀ/√D)·v} of {@code query [N, H, L, D]} (H a multiple of the stored heads)
     * over every stored position: the queries are the last L positions appended, so with
     * {@code causal} query i sees the positions up to its own, {@code S − L + i}. Output
     * {@code [N, H, L, Dv]}.
     */
    public Tensor attend(Tensor query, boolean causal) {
        if (query.rank() != 4 || query.dim(0) != batch || query.dim(3) != depth || query.dim(1) % Math.max(heads, 1) != 0
                || query.dim(2) > length) {
            throw new IllegalArgumentException("KeyValueCache: expected queries [" + batch + ", a multiple of " + heads
                    + " heads, at most " + length + " positions, " + depth + "], got " + query.shape());
        }
        int queryHeads = query.dim(1);
        int rows = query.dim(2);
        int offset = length - rows;
        float[] q = query.contiguousData().toFloatArray();
        float[] out = new float[batch * queryHeads * rows * valueDepth];
        float[] scores = new float[rows * length];
        float scale = (float) (1 / Math.sqrt(depth));
        AttentionRows softmax = new AttentionRows(kernels);
        for (int n = 0; n < batch; n++) {
            for (int h = 0; h < queryHeads; h++) {
                int block = n * heads + h / (queryHeads / heads);
                int queryRows = (n * queryHeads + h) * rows;
                kernels.gemm(false, true, rows, length, depth, scale, q, queryRows * depth, depth, keys,
                        block * capacity * depth, depth, 0f, scores, 0, length);
                for (int i = 0; i < rows; i++) {
                    int seen = causal ? offset + i + 1 : length;
                    Arrays.fill(scores, i * length + seen, (i + 1) * length, Float.NEGATIVE_INFINITY);
                    softmax.softmax(scores, i * length, length);
                }
                kernels.gemm(false, false, rows, valueDepth, length, 1f, scores, 0, length, values,
                        block * capacity * valueDepth, valueDepth, 0f, out, queryRows * valueDepth, valueDepth);
            }
        }
        return Tensor.wrap(out, Shape.of(batch, queryHeads, rows, valueDepth));
    }

    /** Forgets every position. */
    public void clear() {
        length = 0;
        capacity = 0;
        keys = null;
        values = null;
    }

    @Override
    public String toString() {
        return "KeyValueCache(" + length + " positions" + (length == 0 ? "" : " of " + batch + " sequences, " + heads
                + " heads") + ")";
    }
}
