package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * The keys and values one self-attention layer has computed for the positions decoded so far
 * (Hugging Face's {@code past_key_values} for one layer), so that decoding one more token projects
 * only that token and attends over the stored keys: O(context) work per token instead of a pass
 * over the whole context. {@link MultiHeadAttention#attendCached} reads and extends it. Keys are
 * {@code [N, Hkv, S, D]} and values {@code [N, Hkv, S, Dv]}, S the positions so far; the keys are
 * stored after any rotary position embedding, at their own positions.
 *
 * <pre>{@code
 * var cache = new KeyValueCache();
 * Tensor first = attention.attendCached(prompt, cache);      // [1, L, E]; cache.length() == L
 * Tensor next = attention.attendCached(oneMore, cache);      // [1, 1, E], attends over L + 1 keys
 * }</pre>
 */
public final class KeyValueCache {

    private Tensor keys;
    private Tensor values;

    /** The number of positions stored. */
    public int length() {
        return keys == null ? 0 : keys.dim(2);
    }

    /** The stored keys {@code [N, Hkv, S, D]}, or null when empty. */
    public Tensor keys() {
        return keys;
    }

    /** The stored values {@code [N, Hkv, S, Dv]}, or null when empty. */
    public Tensor values() {
        return values;
    }

    /** Adds the keys and values of the next positions, {@code [N, Hkv, L, ·]} each, after the stored ones. */
    public void append(Tensor newKeys, Tensor newValues) {
        if (newKeys.rank() != 4 || newValues.rank() != 4 || newKeys.dim(2) != newValues.dim(2)) {
            throw new IllegalArgumentException("KeyValueCache: expected keys [N, heads, L, D] and values"
                    + " [N, heads, L, Dv] for the same positions, got " + newKeys.shape() + " and "
                    + newValues.shape());
        }
        if (keys != null && (newKeys.dim(0) != keys.dim(0) || newKeys.dim(1) != keys.dim(1)
                || newKeys.dim(3) != keys.dim(3) || newValues.dim(3) != values.dim(3))) {
            throw new IllegalArgumentException("KeyValueCache: keys " + newKeys.shape() + " and values "
                    + newValues.shape() + " do not continue the stored " + keys.shape() + " and " + values.shape());
        }
        Tensor k = newKeys.detach();
        Tensor v = newValues.detach();
        keys = keys == null ? k.contiguous() : Tensor.concat(2, keys, k);
        values = values == null ? v.contiguous() : Tensor.concat(2, values, v);
    }

    /** Forgets every position. */
    public void clear() {
        keys = null;
        values = null;
    }

    @Override
    public String toString() {
        return "KeyValueCache(" + length() + " positions" + (keys == null ? "" : ", keys " + keys.shape()) + ")";
    }
}
