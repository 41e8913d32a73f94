package dev.nabla.nn;

/**
 * A model that scores the next token of a sequence, which {@link Generation} turns into text:
 * {@link TransformerLanguageModel} (with or without its key/value cache) and
 * {@link RecurrentLanguageModel} (which carries its recurrent state from step to step).
 */
public interface LanguageModel {

    /** The number of token ids the model scores. */
    int vocabularySize();

    /**
     * A new decoding of one sequence, in evaluation mode. With {@code useCache} a Transformer keeps
     * each layer's keys and values so that a new token costs O(context); without, it reruns the
     * whole context for every token (a recurrent model carries its state either way).
     */
    Decoding startDecoding(boolean useCache);

    /** One sequence being decoded: feed tokens, read the scores of the next one. */
    interface Decoding {

        /**
         * Appends {@code tokens} (at least one) to the sequence and returns the scores (logits)
         * of the token after the last, {@code [vocabularySize]}.
         */
        float[] feed(int... tokens);

        /** The number of tokens fed so far. */
        int length();
    }
}
