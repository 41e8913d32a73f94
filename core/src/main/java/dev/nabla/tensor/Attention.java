package dev.nabla.tensor;

/**
 * Scaled dot-product attention, {@code softmax(q·kᵀ/√d + mask)·v}, as one fused op with its own
 * backward (PyTorch's {@code F.scaled_dot_product_attention}), and the same computation composed
 * from primitive ops for when the attention weights themselves are wanted.
 *
 * <p>Shapes are batch first with the heads split: queries {@code [N, H, L, D]}, keys
 * {@code [N, Hkv, S, D]}, values {@code [N, Hkv, S, Dv]}, output {@code [N, H, L, Dv]}. With fewer
 * key/value heads than query heads (grouped-query attention; H a multiple of Hkv), query head h
 * reads key/value head {@code h / (H / Hkv)}.
 *
 * <p>The fused op works per sequence and head, a block of query rows at a time: one GEMM for the
 * block's scores, a numerically safe softmax per row ({@link dev.nabla.kernels.AttentionRows}),
 * one GEMM for the output. It keeps only the output and each row's log-sum-exp (plus a bit mask
 * under dropout), never the whole score matrix; backward recomputes each block's probabilities
 * from them (as FlashAttention does). Work is split over sequences and heads, so results do not
 * depend on the thread count.
 */
public final class Attention {

    private Attention() {
    }

    /** {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, AttentionMask, boolean, float, Generator)} without masks or dropout. */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value) {
        return scaledDotProductAttention(query, key, value, AttentionMask.none(), false, 0f, null);
    }

    /**
     * The attention output {@code [N, H, L, Dv]}: {@code softmax(q·kᵀ/√D + mask)} (causal when
     * {@code causal} or the mask says so), with dropout at {@code dropout} on the probabilities
     * (drawn from {@code generator}; give 0 in evaluation), times the values.
     */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, AttentionMask mask,
            boolean causal, float dropout, Generator generator) {
        AttentionShape shape = AttentionShape.of(query, key, value);
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("attention: dropout must be in [0, 1), got " + dropout);
        }
        if (dropout > 0f && generator == null) {
            throw new IllegalArgumentException("attention: dropout " + dropout + " needs a generator");
        }
        AttentionMask m = (mask == null ? AttentionMask.none() : mask);
        m = m.withCausal(causal || m.isCausal());
        AttentionMask.Resolved resolved = m.resolve(shape.batch(), shape.heads(), shape.queries(), shape.keys());
        return new FusedAttention(shape, resolved, dropout, generator).forward(query, key, value);
    }

    /**
     * Self-attention over a packed projection {@code qkv [N, L, 3·E]}, each step's E query, E key
     * and E value features (PyTorch's {@code in_proj} output), split into {@code heads} heads of
     * E/heads: the output {@code [N, H, L, E/H]} of {@link #scaledDotProductAttention} on the three
     * parts, read in place, with one gradient for {@code qkv} whose parts backward writes in place
     * (nothing to slice, copy or add up).
     */
    public static Tensor packedSelfAttention(Tensor qkv, int heads, AttentionMask mask, boolean causal, float dropout,
            Generator generator) {
        if (qkv.rank() != 3 || heads < 1 || qkv.dim(2) % (3 * heads) != 0) {
            throw new IllegalArgumentException("attention: a packed projection must be [N, L, 3·E] with E a multiple of"
                    + " the " + heads + " heads, got " + qkv.shape());
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("attention: dropout must be in [0, 1), got " + dropout);
        }
        if (dropout > 0f && generator == null) {
            throw new IllegalArgumentException("attention: dropout " + dropout + " needs a generator");
        }
        return FusedAttention.packed(qkv, heads, mask, causal, dropout, generator);
    }

    /**
     * The attention probabilities {@code [N, H, L, S]}, {@code softmax(q·kᵀ/√D + mask)}, composed
     * from primitive ops (differentiable through them): what {@code nn.MultiheadAttention} returns
     * as weights. Keys may have fewer heads than the queries, as above. A fully masked row is 0.
     */
    public static Tensor weights(Tensor query, Tensor key, AttentionMask mask, boolean causal) {
        AttentionShape shape = AttentionShape.of(query, key, null);
        Tensor keys = repeatHeads(key, shape.heads());
        Tensor scores = query.matmul(keys.transpose(2, 3)).mul((float) (1 / Math.sqrt(shape.depth())));
        AttentionMask m = (mask == null ? AttentionMask.none() : mask);
        m = m.withCausal(causal || m.isCausal());
        Tensor dense = m.dense(shape.batch(), shape.heads(), shape.queries(), shape.keys());
        if (dense == null) {
            return scores.softmax(3);
        }
        Tensor blocked = dense.eq(Float.NEGATIVE_INFINITY);
        Tensor fullyMasked = blocked.sum(3, true).eq((float) shape.keys());
        Tensor safe = scores.add(dense.maskedFill(blocked, 0f)).maskedFill(blocked, Float.NEGATIVE_INFINITY)
                .maskedFill(fullyMasked, 0f);
        return safe.softmax(3).maskedFill(fullyMasked, 0f);
    }

    /** {@code [N, Hkv, S, ·]} repeated to {@code heads} heads, each key/value head serving H/Hkv query heads. */
    public static Tensor repeatHeads(Tensor keyOrValue, int heads) {
        int kvHeads = keyOrValue.dim(1);
        if (kvHeads == heads) {
            return keyOrValue;
        }
        int n = keyOrValue.dim(0);
        int s = keyOrValue.dim(2);
        int d = keyOrValue.dim(3);
        return keyOrValue.unsqueeze(2).expand(n, kvHeads, heads / kvHeads, s, d).reshape(n, heads, s, d);
    }
}
