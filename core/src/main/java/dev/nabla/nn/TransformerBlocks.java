package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;

/** What the Transformer layers share: their sublayers, built as PyTorch names them. */
final class TransformerBlocks {

    private TransformerBlocks() {
    }

    static MultiHeadAttention attention(TransformerOptions o) {
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(o.dModel(), o.nhead()).dropout(o.dropout());
        attention.build(1, 1, o.dModel());
        return attention;
    }

    static Dense linear(int in, int out, TransformerOptions o, boolean activated) {
        Dense.Config config = Dense.Config.of(out).inFeatures(in);
        return new Dense(activated ? config.activation(o.activation()) : config);
    }

    static LayerNorm norm(TransformerOptions o) {
        return new LayerNorm(LayerNorm.Config.of().normalizedShape(o.dModel()).eps(o.layerNormEps()));
    }

    /** Attention's output through its dropout. */
    static Tensor attend(MultiHeadAttention attention, Dropout dropout, Tensor query, Tensor keys, AttentionMask mask) {
        return dropout.forward(attention.attend(query, keys, keys, mask, false).get(0));
    }

    /** {@code dropout2(linear2(dropout(linear1(x))))} with linear1's activation fused. */
    static Tensor feedForward(Dense linear1, Dropout dropout, Dense linear2, Dropout dropout2, Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(linear1.forward(x))));
    }

    /** A key padding mask from the tensor's attached mask when the given mask has none. */
    static AttentionMask withPadding(AttentionMask mask, Tensor sequences) {
        AttentionMask m = mask == null ? AttentionMask.none() : mask;
        return m.keyPadding() == null ? m.withKeyPadding(Masks.of(sequences)) : m;
    }

    static void checkInput(Layer layer, Tensor x, int dModel, String what) {
        if (x.rank() != 3 || x.dim(2) != dModel) {
            throw new IllegalArgumentException(layer.path() + ": expected " + what + " of shape [batch, length, "
                    + dModel + "], got " + x.shape());
        }
    }
}
