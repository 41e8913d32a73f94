package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * PyTorch's {@code nn.TransformerDecoderLayer} (batch first): self-attention over the target,
 * attention from the target to the memory (the encoder's output), and a feed-forward block, each
 * with dropout, a residual sum and a layer norm (post-norm, or before each block with
 * {@code normFirst}). State-dict names are PyTorch's: {@code self_attn.*},
 * {@code multihead_attn.*}, {@code linear1.*}, {@code linear2.*}, {@code norm1..3.*}.
 *
 * <p>{@link #forward(Tensor, Tensor, AttentionMask, AttentionMask)} is PyTorch's call with
 * {@code tgt_mask} and {@code memory_mask} (key padding included). The list form
 * {@code [target, memory]} (for a {@link Graph}) uses the masks attached to both as key padding
 * and masks the self-attention causally, as a decoder almost always wants (Keras-hub's
 * {@code TransformerDecoder}); PyTorch's default is no mask, which
 * {@code forward(tgt, memory, AttentionMask.none(), AttentionMask.none())} gives.
 */
public class TransformerDecoderLayer extends Layer {

    private final TransformerOptions options;
    private final MultiHeadAttention selfAttention;
    private final MultiHeadAttention crossAttention;
    private final Dense linear1;
    private final Dropout dropout;
    private final Dense linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;

    /** A layer with PyTorch's defaults for this width and number of heads. */
    public TransformerDecoderLayer(int dModel, int nhead) {
        this(TransformerOptions.of(dModel, nhead));
    }

    /** A layer with these options. */
    public TransformerDecoderLayer(TransformerOptions options) {
        this.options = options;
        selfAttention = addChild("self_attn", TransformerBlocks.attention(options));
        crossAttention = addChild("multihead_attn", TransformerBlocks.attention(options));
        linear1 = addChild("linear1", TransformerBlocks.linear(options.dModel(), options.dimFeedforward(), options,
                true));
        dropout = addChild("dropout", new Dropout(options.dropout()));
        linear2 = addChild("linear2", TransformerBlocks.linear(options.dimFeedforward(), options.dModel(), options,
                false));
        norm1 = addChild("norm1", TransformerBlocks.norm(options));
        norm2 = addChild("norm2", TransformerBlocks.norm(options));
        norm3 = addChild("norm3", TransformerBlocks.norm(options));
        dropout1 = addChild("dropout1", new Dropout(options.dropout()));
        dropout2 = addChild("dropout2", new Dropout(options.dropout()));
        dropout3 = addChild("dropout3", new Dropout(options.dropout()));
    }

    /** {@code [target, memory]}: causal self-attention, key padding from the masks attached to both. */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(path() + ": takes [target, memory], got " + inputs.size() + " inputs");
        }
        return forward(inputs.get(0), inputs.get(1), AttentionMask.causalMask(), AttentionMask.none());
    }

    /**
     * PyTorch's call: {@code tgt [N, T, d_model]} attending to {@code memory [N, S, d_model]}, with
     * {@code tgtMask} on the self-attention and {@code memoryMask} on the cross-attention; a mask
     * without key padding takes the mask attached to its keys.
     */
    public Tensor forward(Tensor tgt, Tensor memory, AttentionMask tgtMask, AttentionMask memoryMask) {
        TransformerBlocks.checkInput(this, tgt, options.dModel(), "a target");
        TransformerBlocks.checkInput(this, memory, options.dModel(), "a memory");
        AttentionMask self = TransformerBlocks.withPadding(tgtMask, tgt);
        AttentionMask cross = TransformerBlocks.withPadding(memoryMask, memory);
        Tensor x = tgt;
        if (options.normFirst()) {
            Tensor normed = norm1.forward(x);
            x = x.add(TransformerBlocks.attend(selfAttention, dropout1, normed, normed, self));
            x = x.add(TransformerBlocks.attend(crossAttention, dropout2, norm2.forward(x), memory, cross));
            x = x.add(TransformerBlocks.feedForward(linear1, dropout, linear2, dropout3, norm3.forward(x)));
        } else {
            x = norm1.forward(x.add(TransformerBlocks.attend(selfAttention, dropout1, x, x, self)));
            x = norm2.forward(x.add(TransformerBlocks.attend(crossAttention, dropout2, x, memory, cross)));
            x = norm3.forward(x.add(TransformerBlocks.feedForward(linear1, dropout, linear2, dropout3, x)));
        }
        return Masks.attach(x, self.keyPadding());
    }

    /** The layer's settings. */
    public TransformerOptions options() {
        return options;
    }

    @Override
    protected String describe() {
        return "d_model=" + options.dModel() + ", nhead=" + options.nhead() + ", dim_feedforward="
                + options.dimFeedforward() + ", activation=" + options.activation().kerasName()
                + (options.normFirst() ? ", norm_first" : "");
    }
}
