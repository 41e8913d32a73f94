package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * An encoder–decoder Transformer for sequence-to-sequence tasks (the PyTorch translation
 * tutorial's {@code Seq2SeqTransformer}): source token ids {@code [N, S]} and the target shifted
 * right, {@code [N, T]} (the start token, then the target but its last token: teacher forcing),
 * give logits {@code [N, T, targetVocabularySize]} for each next target token. Id 0 is padding on
 * both sides: the source's padding is masked in the encoder's self-attention and the decoder's
 * cross-attention, the target's in its self-attention, which is also causal.
 *
 * <p>Children: {@code source_embedding} and {@code target_embedding} ({@link
 * TokenAndPositionEmbedding}), {@code transformer} ({@link Transformer}, PyTorch's names below it)
 * and {@code generator} (a {@link Dense} to the target vocabulary). The one-tensor form takes
 * {@code [N, 2, L]}: row 0 the source, row 1 the shifted target, both padded to L, so that a
 * {@code Sequential}, {@code fit} and an experiment file feed it as any single-input model.
 * {@link #encode} and {@link #decode} are the two halves, for decoding one token at a time.
 */
public class Seq2SeqTransformer extends Layer {

    private final int sourceVocabularySize;
    private final int targetVocabularySize;
    private final int maxLength;
    private final TokenAndPositionEmbedding sourceEmbedding;
    private final TokenAndPositionEmbedding targetEmbedding;
    private final Transformer transformer;
    private final Dense generator;

    /**
     * Vocabularies of these sizes (padding id 0 included), sequences of up to {@code maxLength}
     * tokens, and PyTorch's {@code nn.Transformer(d_model, nhead, numEncoderLayers,
     * numDecoderLayers, ...)} with these options.
     */
    public Seq2SeqTransformer(int sourceVocabularySize, int targetVocabularySize, int maxLength,
                              TransformerOptions options, int numEncoderLayers, int numDecoderLayers) {
        if (sourceVocabularySize < 2 || targetVocabularySize < 2 || maxLength < 1) {
            throw new IllegalArgumentException("Seq2SeqTransformer: the vocabularies need at least 2 tokens (padding"
                    + " and one more) and max_length must be at least 1, got " + sourceVocabularySize + ", "
                    + targetVocabularySize + " and " + maxLength);
        }
        this.sourceVocabularySize = sourceVocabularySize;
        this.targetVocabularySize = targetVocabularySize;
        this.maxLength = maxLength;
        sourceEmbedding = addChild("source_embedding",
                new TokenAndPositionEmbedding(sourceVocabularySize, maxLength, options.dModel()));
        targetEmbedding = addChild("target_embedding",
                new TokenAndPositionEmbedding(targetVocabularySize, maxLength, options.dModel()));
        transformer = addChild("transformer", new Transformer(options, numEncoderLayers, numDecoderLayers));
        generator = addChild("generator", new Dense(Dense.Config.of(targetVocabularySize).inFeatures(options.dModel())));
    }

    /** {@code [N, 2, L]}: the source (row 0) and the shifted target (row 1) → logits {@code [N, L, vocabulary]}. */
    @Override
    protected Tensor call(Tensor pairs) {
        if (pairs.rank() != 3 || pairs.dim(1) != 2) {
            throw shapeError("[batch, 2, length] ids: the source in row 0, the shifted target in row 1", pairs.shape());
        }
        return forward(List.of(pairs.slice(1, 0, 1).squeeze(1), pairs.slice(1, 1, 2).squeeze(1)));
    }

    /** {@code [source [N, S], shifted target [N, T]]} → logits {@code [N, T, vocabulary]}; one input is the pairs. */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() == 1) {
            return forward(inputs.get(0));
        }
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(path() + ": takes [source, shifted target], got " + inputs.size()
                    + " inputs");
        }
        return decode(inputs.get(1), encode(inputs.get(0)));
    }

    /** The encoder's output {@code [N, S, d_model]} for source ids {@code [N, S]}, carrying the source's padding mask. */
    public Tensor encode(Tensor source) {
        Tensor keep = keep(source, "source");
        Tensor memory = transformer.encoder().forward(sourceEmbedding.forward(source),
                AttentionMask.none().withKeyPadding(keep));
        return Masks.attach(memory, keep);
    }

    /**
     * Logits {@code [N, T, vocabulary]} of the token after each position of the shifted target
     * {@code [N, T]}, attending causally to itself and to {@code memory} (from {@link #encode},
     * whose attached mask hides the source's padding).
     */
    public Tensor decode(Tensor shiftedTarget, Tensor memory) {
        Tensor keep = keep(shiftedTarget, "shifted target");
        Tensor decoded = transformer.decoder().forward(targetEmbedding.forward(shiftedTarget), memory,
                AttentionMask.causalMask().withKeyPadding(keep), AttentionMask.none().withKeyPadding(Masks.of(memory)));
        return generator.forward(decoded);
    }

    private Tensor keep(Tensor ids, String what) {
        if (ids.rank() != 2 || ids.dim(1) > maxLength) {
            throw new IllegalArgumentException(path() + ": expected " + what + " ids of shape [batch, length ≤ "
                    + maxLength + "], got " + ids.shape());
        }
        return ids.to(DType.FLOAT32).ne(Tensor.scalar(0f));
    }

    /** The number of source tokens, padding included. */
    public int sourceVocabularySize() {
        return sourceVocabularySize;
    }

    /** The number of target tokens, padding included. */
    public int targetVocabularySize() {
        return targetVocabularySize;
    }

    /** The longest source or target accepted. */
    public int maxLength() {
        return maxLength;
    }

    /** The encoder–decoder. */
    public Transformer transformer() {
        return transformer;
    }

    @Override
    protected String describe() {
        return "source_vocabulary=" + sourceVocabularySize + ", target_vocabulary=" + targetVocabularySize
                + ", max_length=" + maxLength + ", d_model=" + transformer.options().dModel();
    }
}
