package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import java.util.Arrays;

/**
 * Which keys each query of a scaled dot-product attention may attend to
 * ({@link Attention#scaledDotProductAttention}): any of an attention mask over (query, key)
 * pairs, a key padding mask over the keys of each sequence, and causal masking. Immutable; the
 * {@code with...} methods give a new mask.
 *
 * <p>An attention mask has shape {@code [L, S]} (shared by the batch), {@code [N, L, S]}
 * (Keras's {@code attention_mask}) or {@code [N, H, L, S]} (N or H may be 1), for L queries and S
 * keys, and is one of three kinds, named by the factory that makes it:
 * <ul>
 * <li>{@link #allowed}: nonzero where the query may attend to the key (Keras's masks,
 *     PyTorch's boolean mask in {@code F.scaled_dot_product_attention});</li>
 * <li>{@link #blocked}: nonzero where it may not (PyTorch's boolean {@code attn_mask} in
 *     {@code nn.MultiheadAttention} and the Transformer layers); PyTorch's 3-D form
 *     {@code [N·H, L, S]} is {@code [N, H, L, S]} reshaped;</li>
 * <li>{@link #additive}: added to the scores before the softmax (PyTorch's float masks, e.g.
 *     {@code nn.Transformer.generate_square_subsequent_mask}: 0 and −∞).</li>
 * </ul>
 * A key padding mask {@code [N, S]} follows {@code dev.nabla.nn.Masks}: 1 for a real key, 0 for
 * padding ({@link #withKeyPadding}); PyTorch's {@code key_padding_mask} is its complement.
 * Causal masking lets query i attend to keys 0..i (PyTorch's {@code is_causal}, top-left
 * aligned). A query whose every key is masked out gets an output of zeros (PyTorch gives NaN).
 * Masks carry no gradient.
 */
public final class AttentionMask {

    private static final AttentionMask NONE = new AttentionMask(null, null, null, false);

    private final Tensor additive;
    private final Tensor keyPadding;
    private final String source;
    private final boolean causal;

    private AttentionMask(Tensor additive, String source, Tensor keyPadding, boolean causal) {
        this.additive = additive;
        this.source = source;
        this.keyPadding = keyPadding;
        this.causal = causal;
    }

    /** No masking. */
    public static AttentionMask none() {
        return NONE;
    }

    /** Causal masking only: query i attends to keys 0..i. */
    public static AttentionMask causalMask() {
        return NONE.withCausal(true);
    }

    /** A mask that is nonzero where the query may attend to the key. */
    public static AttentionMask allowed(Tensor mask) {
        float[] values = checked("allowed", mask).toFloatArray();
        fill(values, 0f, Float.NEGATIVE_INFINITY);
        return new AttentionMask(Tensor.wrap(values, mask.shape()), "allowed", null, false);
    }

    /** A mask that is nonzero where the query may not attend to the key. */
    public static AttentionMask blocked(Tensor mask) {
        float[] values = checked("blocked", mask).toFloatArray();
        fill(values, Float.NEGATIVE_INFINITY, 0f);
        return new AttentionMask(Tensor.wrap(values, mask.shape()), "blocked", null, false);
    }

    /** Each value replaced in place by {@code ifNonzero} where it is nonzero, else by {@code ifZero}. */
    private static void fill(float[] values, float ifNonzero, float ifZero) {
        KernelProvider.get().select(values, 0, 1, new float[] {ifNonzero}, 0, 0, new float[] {ifZero}, 0, 0,
                values, 0, values.length);
    }

    /** A mask added to the scores (−∞ masks a pair out). */
    public static AttentionMask additive(Tensor mask) {
        return new AttentionMask(checked("additive", mask).detach().contiguousData(), "additive", null, false);
    }

    /** This mask, also ignoring the keys where {@code keep [N, S]} is 0 (null: no key padding). */
    public AttentionMask withKeyPadding(Tensor keep) {
        if (keep != null && keep.rank() != 2) {
            throw new IllegalArgumentException("attention mask: a key padding mask must have shape [batch, keys]"
                    + " (1 for a real key, 0 for padding), got " + keep.shape());
        }
        return new AttentionMask(additive, source, keep == null ? null : keep.detach(), causal);
    }

    /** This mask with causal masking on or off. */
    public AttentionMask withCausal(boolean value) {
        return new AttentionMask(additive, source, keyPadding, value);
    }

    /** Whether query i may only attend to keys 0..i. */
    public boolean isCausal() {
        return causal;
    }

    /** The key padding mask {@code [N, S]} (1 real, 0 padding), or null. */
    public Tensor keyPadding() {
        return keyPadding;
    }

    /** Whether this mask masks nothing. */
    public boolean isEmpty() {
        return additive == null && keyPadding == null && !causal;
    }

    /**
     * The additive scores mask as a dense tensor {@code [N, H, L, S]} (−∞ where masked, from all
     * three parts), for the composed attention that returns weights; null when empty.
     */
    public Tensor dense(int batch, int heads, int queries, int keys) {
        if (isEmpty()) {
            return null;
        }
        Resolved r = resolve(batch, heads, queries, keys);
        float[] out = new float[batch * heads * queries * keys];
        for (int n = 0; n < batch; n++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < queries; i++) {
                    r.apply(n, h, i, out, ((n * heads + h) * queries + i) * keys);
                }
            }
        }
        return Tensor.wrap(out, Shape.of(batch, heads, queries, keys));
    }

    private static Tensor checked(String kind, Tensor mask) {
        if (mask == null || mask.rank() < 2 || mask.rank() > 4) {
            throw new IllegalArgumentException("attention mask (" + kind + "): expected a mask of shape [L, S],"
                    + " [N, L, S] or [N, H, L, S], got " + (mask == null ? "null" : mask.shape()));
        }
        return mask;
    }

    /** The mask checked against and laid out for queries [N, H, L, ·] and keys [N, ·, S, ·]. */
    Resolved resolve(int batch, int heads, int queries, int keys) {
        float[] values = null;
        int maskBatch = 1;
        int maskHeads = 1;
        if (additive != null) {
            int[] dims = additive.shape().toArray();
            int rank = dims.length;
            maskBatch = rank >= 3 ? dims[0] : 1;
            maskHeads = rank == 4 ? dims[1] : 1;
            if (dims[rank - 2] != queries || dims[rank - 1] != keys || (maskBatch != 1 && maskBatch != batch)
                    || (maskHeads != 1 && maskHeads != heads)) {
                throw new IllegalArgumentException("attention mask (" + source + "): shape " + additive.shape()
                        + " does not fit " + batch + " sequences of " + heads + " heads with " + queries
                        + " queries and " + keys + " keys; expected [" + queries + ", " + keys + "], [" + batch
                        + ", " + queries + ", " + keys + "] or [" + batch + ", " + heads + ", " + queries + ", "
                        + keys + "]");
            }
            values = additive.toFloatArray();
        }
        float[] keep = null;
        if (keyPadding != null) {
            if (!Arrays.equals(keyPadding.shape().toArray(), new int[] {batch, keys})) {
                throw new IllegalArgumentException("attention mask: the key padding mask must have shape [" + batch
                        + ", " + keys + "] (batch, keys), got " + keyPadding.shape());
            }
            keep = keyPadding.toFloatArray();
        }
        return new Resolved(values, maskBatch, maskHeads, queries, keys, keep, causal);
    }

    /** The mask's values, ready to be added row by row. */
    record Resolved(float[] additive, int maskBatch, int maskHeads, int queries, int keys, float[] keep,
            boolean causal) {

        boolean isEmpty() {
            return additive == null && keep == null && !causal;
        }

        private static final float[] BLOCKED = {Float.NEGATIVE_INFINITY};

        /** Adds the mask of query row i of head h of sequence n to {@code scores[off .. off+keys)}. */
        void apply(int n, int h, int i, float[] scores, int off) {
            Kernels kernels = KernelProvider.get();
            if (additive != null) {
                int row = (((maskBatch == 1 ? 0 : n) * maskHeads + (maskHeads == 1 ? 0 : h)) * queries + i) * keys;
                kernels.binary(BinaryOp.ADD, scores, off, 1, additive, row, 1, scores, off, keys);
            }
            if (keep != null) {
                kernels.select(keep, n * keys, 1, scores, off, 1, BLOCKED, 0, 0, scores, off, keys);
            }
            if (causal) {
                Arrays.fill(scores, off + Math.min(keys, i + 1), off + keys, Float.NEGATIVE_INFINITY);
            }
        }
    }
}
