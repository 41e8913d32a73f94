package dev.nabla.data.text;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * A token stream cut into training sequences for a language model (the data of Keras's
 * character-level text generation and of PyTorch's word language model): sequence {@code i}
 * is {@code sequenceLength} ids starting at {@code i·stride}, and its targets are the same
 * ids shifted by one, the token that follows each position. A batch is {@code [batch,
 * sequenceLength]} INT32 ids with {@code [batch, sequenceLength]} INT32 targets, for a model
 * that predicts a token at every step (cross-entropy per step); the sequences are views of the
 * one stream, gathered when a batch is asked for.
 *
 * <pre>{@code
 * Tokenizer characters = new Tokenizer(Tokenizer.Level.CHARACTER, false, Tokenizer.Punctuation.KEEP);
 * Vocabulary vocabulary = Vocabulary.build(List.of(characters.tokenize(text)), 1, 0);
 * int[] ids = vocabulary.encode(characters.tokenize(text));
 * var sequences = new LanguageModelDataset(ids, 100, 100);   // consecutive, non-overlapping
 * }</pre>
 */
public final class LanguageModelDataset implements Dataset {

    private final int[] ids;
    private final int sequenceLength;
    private final int stride;
    private final int count;

    /**
     * @param ids            the token stream
     * @param sequenceLength the ids in a sequence (its targets are as many)
     * @param stride         the distance between the starts of consecutive sequences
     * @throws IllegalArgumentException when a setting is below 1, an id is negative, or the stream is shorter than one sequence and its next token
     */
    public LanguageModelDataset(int[] ids, int sequenceLength, int stride) {
        if (sequenceLength < 1 || stride < 1) {
            throw new IllegalArgumentException("LanguageModelDataset: the sequence length and the stride must be at"
                    + " least 1, got " + sequenceLength + " and " + stride);
        }
        if (ids.length < sequenceLength + 1) {
            throw new IllegalArgumentException("LanguageModelDataset: a sequence of " + sequenceLength + " ids and the"
                    + " id after it need " + (sequenceLength + 1) + " ids, but the stream has " + ids.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("LanguageModelDataset: id " + ids[i] + " at position " + i
                        + " is negative");
            }
        }
        this.ids = ids.clone();
        this.sequenceLength = sequenceLength;
        this.stride = stride;
        this.count = (ids.length - sequenceLength - 1) / stride + 1;
    }

    @Override
    public int size() {
        return count;
    }

    /** Sequence {@code index}: ids {@code [sequenceLength]} and the next ids {@code [sequenceLength]}. */
    @Override
    public Example get(int index) {
        Batch one = batch(index);
        return new Example(one.features().squeeze(0), one.targets().squeeze(0));
    }

    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        float[] inputs = new float[indices.length * sequenceLength];
        float[] targets = new float[indices.length * sequenceLength];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= count) {
                throw new IndexOutOfBoundsException("LanguageModelDataset: sequence " + indices[i]
                        + " is out of range for " + count + " sequences");
            }
            int start = indices[i] * stride;
            for (int k = 0; k < sequenceLength; k++) {
                inputs[i * sequenceLength + k] = ids[start + k];
                targets[i * sequenceLength + k] = ids[start + k + 1];
            }
        }
        return new Batch(Tensor.of(inputs, indices.length, sequenceLength).to(DType.INT32),
                Tensor.of(targets, indices.length, sequenceLength).to(DType.INT32));
    }

    /** A mean cross-entropy per token in nats as bits per token (per character for a character model): {@code loss / ln 2}. */
    public static double bitsPerToken(double crossEntropy) {
        return crossEntropy / Math.log(2);
    }

    public int sequenceLength() {
        return sequenceLength;
    }
}
