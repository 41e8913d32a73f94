package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.KeyValueCache;
import dev.nabla.tensor.Tensor;

/**
 * One block of a GPT-style decoder-only language model: pre-norm causal self-attention and a
 * GELU feed-forward block, each added back to its input,
 * {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))} (GPT-2's block). It is PyTorch's
 * {@code nn.TransformerEncoderLayer(norm_first=True, activation="gelu")} run with a causal
 * mask, with its state-dict names ({@code self_attn.in_proj_weight}, {@code linear1.weight},
 * {@code norm1.weight}, ...), plus {@link #forward(Tensor, KeyValueCache)} for decoding one token
 * at a time. Input and output {@code [N, L, d_model]}.
 */
public class CausalTransformerBlock extends Layer {

    private final TransformerOptions options;
    private final MultiHeadAttention selfAttention;
    private final Dense linear1;
    private final Dropout dropout;
    private final Dense linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    /**
     * A block of width {@code dModel} with {@code numHeads} heads, a feed-forward width of
     * {@code dimFeedforward} (0 for 4·dModel), dropout {@code dropoutRate} and rotary positions in
     * the attention when {@code rotary}.
     */
    public CausalTransformerBlock(int dModel, int numHeads, int dimFeedforward, float dropoutRate, boolean rotary) {
        if (dimFeedforward < 0) {
            throw new IllegalArgumentException("CausalTransformerBlock: dim_feedforward must be 0 (4·d_model) or more,"
                    + " got " + dimFeedforward);
        }
        int width = dimFeedforward == 0 ? 4 * dModel : dimFeedforward;
        options = TransformerOptions.of(dModel, numHeads).dimFeedforward(width).dropout(dropoutRate)
                .activation(ActivationFunction.GELU).normFirst(true);
        selfAttention = addChild("self_attn", TransformerBlocks.attention(options).useCausalMask(true)
                .rotary(rotary));
        linear1 = addChild("linear1", TransformerBlocks.linear(dModel, width, options, true));
        dropout = addChild("dropout", new Dropout(dropoutRate));
        linear2 = addChild("linear2", TransformerBlocks.linear(width, dModel, options, false));
        norm1 = addChild("norm1", TransformerBlocks.norm(options));
        norm2 = addChild("norm2", TransformerBlocks.norm(options));
        dropout1 = addChild("dropout1", new Dropout(dropoutRate));
        dropout2 = addChild("dropout2", new Dropout(dropoutRate));
    }

    @Override
    protected Tensor call(Tensor x) {
        TransformerBlocks.checkInput(this, x, options.dModel(), "an input");
        Tensor normed = norm1.forward(x);
        Tensor y = x.add(TransformerBlocks.attend(selfAttention, dropout1, normed, normed, AttentionMask.causalMask()));
        return y.add(mlp(y));
    }

    /**
     * The block on the next positions {@code x [N, L, d_model]} of sequences whose earlier
     * positions' keys and values are in {@code cache} (which this extends): the last L rows of
     * the block on the whole sequence.
     */
    public Tensor forward(Tensor x, KeyValueCache cache) {
        TransformerBlocks.checkInput(this, x, options.dModel(), "an input");
        Tensor y = x.add(dropout1.forward(selfAttention.attendCached(norm1.forward(x), cache)));
        return y.add(mlp(y));
    }

    private Tensor mlp(Tensor y) {
        return TransformerBlocks.feedForward(linear1, dropout, linear2, dropout2, norm2.forward(y));
    }

    /** The block's settings (norm first, GELU). */
    public TransformerOptions options() {
        return options;
    }

    /** The causal self-attention ({@code self_attn}). */
    public MultiHeadAttention selfAttention() {
        return selfAttention;
    }

    @Override
    protected String describe() {
        return "d_model=" + options.dModel() + ", heads=" + options.nhead() + ", dim_feedforward="
                + options.dimFeedforward() + (selfAttention.rotaryBase() != 0f ? ", rotary" : "");
    }
}
