package dev.nabla.data.text;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Text to token ids and back, for a language model that generates text (the role of Hugging
 * Face's tokenizers and of tiktoken): {@link CharacterCodec} (one id per character) and
 * {@link BytePairEncoding} (GPT-2's byte-level byte-pair encoding, which encodes any text).
 * Both are learnt from a corpus and saved as plain text ({@link #save}), which a model file
 * keeps beside the weights so that generation decodes without the corpus.
 *
 * <pre>{@code
 * TextCodec codec = BytePairEncoding.train(corpus, 512);
 * int[] ids = codec.encode("Call me Ishmael.");
 * String same = codec.decode(ids);
 * TextCodec again = TextCodec.load(codec.save());
 * }</pre>
 */
public interface TextCodec {

    /**
     * The key under which a model file's training state keeps the codec ({@link #save}), so that
     * {@code nabla generate} decodes without the corpus.
     */
    String TRAINING_STATE_KEY = "text.tokenizer";

    /** The first line of a saved codec, before its kind. */
    String HEADER = "nabla-tokenizer ";

    /** The ids of {@code text}, in order. */
    int[] encode(String text);

    /** The ids of {@code text} as one sequence {@code [1, ids]} (INT32), a language model's input. */
    default Tensor encodeAsTensor(String text) {
        int[] ids = encode(text);
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        return Tensor.of(values, 1, ids.length).to(DType.INT32);
    }

    /** The text of these ids. */
    String decode(int[] ids);

    /** The number of ids, so every id is in {@code [0, vocabularySize)}: the model's output size. */
    int vocabularySize();

    /** The text of one id, for display. */
    String token(int id);

    /** The codec as plain text, read back by {@link #load}. */
    String save();

    /**
     * A codec saved by {@link #save}.
     *
     * @throws IllegalArgumentException when the text is not a saved codec, saying what is wrong
     */
    static TextCodec load(String saved) {
        if (saved == null || !saved.startsWith(HEADER)) {
            throw new IllegalArgumentException("not a saved tokenizer: it must start with '" + HEADER
                    + "character' or '" + HEADER + "byte-pair'");
        }
        int end = saved.indexOf('\n');
        String kind = (end < 0 ? saved : saved.substring(0, end)).substring(HEADER.length()).strip();
        String body = end < 0 ? "" : saved.substring(end + 1);
        return switch (kind) {
            case CharacterCodec.KIND -> CharacterCodec.parse(body);
            case BytePairEncoding.KIND -> BytePairEncoding.parse(body);
            default -> throw new IllegalArgumentException("unknown tokenizer kind '" + kind + "'; known: "
                    + CharacterCodec.KIND + ", " + BytePairEncoding.KIND);
        };
    }
}
