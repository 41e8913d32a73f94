package dev.nabla.data.text;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Texts to fixed-length rows of token ids, ready for an embedding layer: tokenise, look up
 * each token in the vocabulary, then cut or pad to {@code maxLength} with {@code <pad>} (0)
 * at the start ({@link Side#PRE}) or the end ({@link Side#POST}) — Keras's
 * {@code pad_sequences(maxlen, padding, truncating)}, whose default is {@code PRE} for both.
 *
 * <pre>{@code
 * TextEncoder encoder = new TextEncoder(tokenizer, vocabulary, 100, Side.POST, Side.POST);
 * Tensor ids = encoder.encode(texts);   // [texts.size(), 100] INT32
 * }</pre>
 */
public record TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Side padding, Side truncation) {

    /** Where padding goes, or where tokens are cut off. */
    public enum Side { PRE, POST }

    public TextEncoder {
        if (tokenizer == null || vocabulary == null || padding == null || truncation == null) {
            throw new IllegalArgumentException("TextEncoder: the tokenizer, vocabulary, padding and truncation sides"
                    + " are required");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("TextEncoder: the maximum length must be at least 1, got " + maxLength);
        }
    }

    /** Padding and truncation at the end: a text keeps its beginning. */
    public TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        this(tokenizer, vocabulary, maxLength, Side.POST, Side.POST);
    }

    /** One text as {@code [maxLength]} INT32 ids. */
    public Tensor encode(String text) {
        return Tensor.of(row(text), maxLength).to(DType.INT32);
    }

    /** Texts as {@code [texts.size(), maxLength]} INT32 ids, one row per text. */
    public Tensor encode(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("TextEncoder: no texts to encode");
        }
        float[] ids = new float[texts.size() * maxLength];
        for (int i = 0; i < texts.size(); i++) {
            System.arraycopy(row(texts.get(i)), 0, ids, i * maxLength, maxLength);
        }
        return Tensor.of(ids, texts.size(), maxLength).to(DType.INT32);
    }

    /** The text of a row of ids {@code [length]}, padding left out, tokens joined by the tokenizer. */
    public String decode(Tensor ids) {
        if (ids.rank() != 1) {
            throw new IllegalArgumentException("TextEncoder.decode: expected one row of ids [length], got shape "
                    + ids.shape());
        }
        float[] values = ids.toFloatArray();
        int[] indices = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            indices[i] = (int) values[i];
        }
        return tokenizer.join(vocabulary.decode(indices));
    }

    /** The ids of {@code text} cut and padded to {@code maxLength}. */
    private float[] row(String text) {
        int[] ids = vocabulary.encode(tokenizer.tokenize(text));
        int kept = Math.min(ids.length, maxLength);
        int from = truncation == Side.PRE ? ids.length - kept : 0;
        int to = padding == Side.PRE ? maxLength - kept : 0;
        float[] row = new float[maxLength]; // zeros are <pad>
        for (int i = 0; i < kept; i++) {
            row[to + i] = ids[from + i];
        }
        return row;
    }
}
