package dev.nabla.tensor;

/** The sizes of one attention call, checked: N sequences, H query and Hkv key/value heads, L queries, S keys. */
record AttentionShape(int batch, int heads, int kvHeads, int queries, int keys, int depth, int valueDepth) {

    /** The sizes of queries {@code [N, H, L, D]}, keys {@code [N, Hkv, S, D]} and values {@code [N, Hkv, S, Dv]} (may be null). */
    static AttentionShape of(Tensor query, Tensor key, Tensor value) {
        if (query.rank() != 4 || key.rank() != 4 || (value != null && value.rank() != 4)) {
            throw new IllegalArgumentException("attention: expected queries [N, H, L, D], keys [N, Hkv, S, D] and"
                    + " values [N, Hkv, S, Dv], got " + query.shape() + ", " + key.shape()
                    + (value == null ? "" : ", " + value.shape()));
        }
        int heads = query.dim(1);
        int kvHeads = key.dim(1);
        boolean fits = key.dim(0) == query.dim(0) && key.dim(3) == query.dim(3) && kvHeads >= 1
                && heads % kvHeads == 0;
        if (value != null) {
            fits &= value.dim(0) == key.dim(0) && value.dim(1) == kvHeads && value.dim(2) == key.dim(2);
        }
        if (!fits) {
            throw new IllegalArgumentException("attention: queries " + query.shape() + ", keys " + key.shape()
                    + (value == null ? "" : " and values " + value.shape()) + " do not fit: the batch sizes must"
                    + " agree, queries and keys must have the same depth D, keys and values the same heads and"
                    + " length, and the query heads must be a multiple of the key/value heads");
        }
        return new AttentionShape(query.dim(0), heads, kvHeads, query.dim(2), key.dim(2), query.dim(3),
                value == null ? 0 : value.dim(3));
    }
}
