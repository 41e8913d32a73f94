package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer} (batch first): self-attention and a feed-forward
 * block, each with dropout, a residual sum and a layer norm, after the sum (post-norm, the
 * default) or before the block ({@code normFirst}). State-dict names are PyTorch's:
 * {@code self_attn.in_proj_weight}, {@code linear1.weight}, {@code norm1.bias}, ...
 *
 * <p>Input and output {@code [N, L, d_model]}. The mask attached to the input ({@link Masks}, e.g.
 * from {@code Embedding(maskZero)}) is the key padding mask, and is passed on with the output;
 * {@link #forward(Tensor, AttentionMask)} takes any other mask (PyTorch's {@code src_mask},
 * {@code src_key_padding_mask}, {@code is_causal}).
 */
public class TransformerEncoderLayer extends Layer {

    private final TransformerOptions options;
    private final MultiHeadAttention selfAttention;
    private final Dense linear1;
    private final Dropout dropout;
    private final Dense linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    /** A layer with PyTorch's defaults for this width and number of heads. */
    public TransformerEncoderLayer(int dModel, int nhead) {
        this(TransformerOptions.of(dModel, nhead));
    }

    /** A layer with these options. */
    public TransformerEncoderLayer(TransformerOptions options) {
        this.options = options;
        selfAttention = addChild("self_attn", TransformerBlocks.attention(options));
        linear1 = addChild("linear1", TransformerBlocks.linear(options.dModel(), options.dimFeedforward(), options,
                true));
        dropout = addChild("dropout", new Dropout(options.dropout()));
        linear2 = addChild("linear2", TransformerBlocks.linear(options.dimFeedforward(), options.dModel(), options,
                false));
        norm1 = addChild("norm1", TransformerBlocks.norm(options));
        norm2 = addChild("norm2", TransformerBlocks.norm(options));
        dropout1 = addChild("dropout1", new Dropout(options.dropout()));
        dropout2 = addChild("dropout2", new Dropout(options.dropout()));
    }

    @Override
    protected Tensor call(Tensor src) {
        return forward(src, AttentionMask.none());
    }

    /**
     * The layer on {@code src [N, L, d_model]} with an attention mask (its key padding defaults to
     * the mask attached to {@code src}).
     */
    public Tensor forward(Tensor src, AttentionMask mask) {
        TransformerBlocks.checkInput(this, src, options.dModel(), "an input");
        AttentionMask m = TransformerBlocks.withPadding(mask, src);
        Tensor x = src;
        if (options.normFirst()) {
            Tensor normed = norm1.forward(x);
            x = x.add(TransformerBlocks.attend(selfAttention, dropout1, normed, normed, m));
            x = x.add(TransformerBlocks.feedForward(linear1, dropout, linear2, dropout2, norm2.forward(x)));
        } else {
            x = norm1.forward(x.add(TransformerBlocks.attend(selfAttention, dropout1, x, x, m)));
            x = norm2.forward(x.add(TransformerBlocks.feedForward(linear1, dropout, linear2, dropout2, x)));
        }
        return Masks.attach(x, m.keyPadding());
    }

    /** The layer's settings. */
    public TransformerOptions options() {
        return options;
    }

    /** The self-attention ({@code self_attn}). */
    public MultiHeadAttention selfAttention() {
        return selfAttention;
    }

    @Override
    protected String describe() {
        return "d_model=" + options.dModel() + ", nhead=" + options.nhead() + ", dim_feedforward="
                + options.dimFeedforward() + ", activation=" + options.activation().kerasName()
                + (options.normFirst() ? ", norm_first" : "");
    }
}
