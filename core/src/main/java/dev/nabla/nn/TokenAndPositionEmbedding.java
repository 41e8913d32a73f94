package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Token ids {@code [N, L]} to {@code [N, L, D]}: a token embedding plus a learned position
 * embedding (Keras-hub's {@code TokenAndPositionEmbedding}), children {@code token_embedding} and
 * {@code position_embedding}. With {@code maskZero}, id 0 is padding and the output carries the
 * mask ({@link Masks}) that attention layers read as key padding.
 */
public class TokenAndPositionEmbedding extends Layer {

    private final Embedding tokens;
    private final PositionalEmbedding positions;

    /** A vocabulary of {@code vocabularySize} ids, sequences of up to {@code maxLength}, width {@code embeddingDim}. */
    public TokenAndPositionEmbedding(int vocabularySize, int maxLength, int embeddingDim) {
        tokens = addChild("token_embedding", new Embedding(vocabularySize, embeddingDim));
        positions = addChild("position_embedding", new PositionalEmbedding(maxLength));
        positions.build(1, maxLength, embeddingDim);
    }

    /** Id 0 marks padding (Keras's {@code mask_zero}). Returns this. */
    public TokenAndPositionEmbedding maskZero(boolean value) {
        tokens.maskZero(value);
        return this;
    }

    @Override
    protected Tensor call(Tensor ids) {
        if (ids.rank() != 2) {
            throw shapeError("[batch, length] token ids", ids.shape());
        }
        return positions.forward(tokens.forward(ids));
    }

    /** The token embedding. */
    public Embedding tokenEmbedding() {
        return tokens;
    }

    /** The position embedding. */
    public PositionalEmbedding positionEmbedding() {
        return positions;
    }

    @Override
    protected String describe() {
        return "vocabulary=" + tokens.numEmbeddings() + ", max_length=" + positions.maxLength() + ", dim="
                + tokens.embeddingDim() + (tokens.masksZero() ? ", mask_zero" : "");
    }
}
