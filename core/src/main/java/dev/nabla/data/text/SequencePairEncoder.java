package dev.nabla.data.text;

import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Source and target texts to token ids for an encoder–decoder with teacher forcing. The target
 * vocabulary starts {@code <pad>} (0), {@code <unk>} (1), {@code <start>} ({@value #START}),
 * {@code <end>} ({@value #END}). A pair becomes a row {@code [2, length]}: the source's ids, and the
 * decoder's input, {@code <start>} then the target's ids (the target shifted right); its label row
 * {@code [length]} is the target's ids then {@code <end>}. Everything is padded with 0 to
 * {@code length} and cut to it.
 *
 * <pre>{@code
 * var encoder = SequencePairEncoder.fit(train, Tokenizer.words(), Tokenizer.characters());
 * TensorDataset data = encoder.dataset(train);   // features [N, 2, length], labels [N, length]
 * }</pre>
 *
 * @param sourceTokenizer  how sources are split into tokens
 * @param sourceVocabulary the source tokens
 * @param targetTokenizer  how targets are split into tokens
 * @param targetVocabulary the target tokens, {@code <start>} and {@code <end>} included
 * @param length           the ids per row
 */
public record SequencePairEncoder(Tokenizer sourceTokenizer, Vocabulary sourceVocabulary, Tokenizer targetTokenizer,
                                  Vocabulary targetVocabulary, int length) {

    /** The start token of the target vocabulary. */
    public static final String START_TOKEN = "<start>";
    /** The end token of the target vocabulary. */
    public static final String END_TOKEN = "<end>";
    /** The start token's id. */
    public static final int START = 2;
    /** The end token's id. */
    public static final int END = 3;

    /** Checks the settings and the target vocabulary's special tokens. */
    public SequencePairEncoder {
        if (sourceTokenizer == null || sourceVocabulary == null || targetTokenizer == null || targetVocabulary == null) {
            throw new IllegalArgumentException("SequencePairEncoder: the tokenizers and vocabularies are required");
        }
        if (length < 2) {
            throw new IllegalArgumentException("SequencePairEncoder: the length must be at least 2, got " + length);
        }
        if (targetVocabulary.size() <= END || !targetVocabulary.token(START).equals(START_TOKEN)
                || !targetVocabulary.token(END).equals(END_TOKEN)) {
            throw new IllegalArgumentException("SequencePairEncoder: the target vocabulary must hold " + START_TOKEN
                    + " at " + START + " and " + END_TOKEN + " at " + END + ", got " + targetVocabulary);
        }
    }

    /**
     * The vocabularies of these pairs (every token seen) and a length that holds the longest
     * source and the longest target with its start or end token.
     */
    public static SequencePairEncoder fit(SequencePairs pairs, Tokenizer sourceTokenizer, Tokenizer targetTokenizer) {
        List<List<String>> sources = pairs.sources().stream().map(sourceTokenizer::tokenize).toList();
        List<List<String>> targets = pairs.targets().stream().map(targetTokenizer::tokenize).toList();
        List<String> targetTokens = new ArrayList<>(List.of(START_TOKEN, END_TOKEN));
        List<String> seen = Vocabulary.build(targets, 1, 0).tokens();
        targetTokens.addAll(seen.subList(2, seen.size()));
        int length = Math.max(sources.stream().mapToInt(List::size).max().orElse(1),
                targets.stream().mapToInt(List::size).max().orElse(1) + 1);
        return new SequencePairEncoder(sourceTokenizer, Vocabulary.build(sources, 1, 0), targetTokenizer,
                new Vocabulary(targetTokens), Math.max(2, length));
    }

    /** Sources as {@code [texts, length]} INT32 ids. */
    public Tensor sources(List<String> texts) {
        float[] ids = new float[texts.size() * length];
        for (int i = 0; i < texts.size(); i++) {
            copy(sourceVocabulary.encode(sourceTokenizer.tokenize(texts.get(i))), ids, i * length, length);
        }
        return Tensor.of(ids, texts.size(), length).to(DType.INT32);
    }

    /** The model's inputs {@code [pairs, 2, length]}: each source's ids, then {@code <start>} and the target's ids. */
    public Tensor inputs(SequencePairs pairs) {
        float[] ids = new float[pairs.size() * 2 * length];
        for (int i = 0; i < pairs.size(); i++) {
            copy(sourceVocabulary.encode(sourceTokenizer.tokenize(pairs.sources().get(i))), ids, 2 * i * length,
                    length);
            ids[(2 * i + 1) * length] = START;
            copy(target(pairs.targets().get(i)), ids, (2 * i + 1) * length + 1, length - 1);
        }
        return Tensor.of(ids, pairs.size(), 2, length).to(DType.INT32);
    }

    /** The labels {@code [pairs, length]}: each target's ids, then {@code <end>} (cut off with a target too long). */
    public Tensor labels(SequencePairs pairs) {
        float[] ids = new float[pairs.size() * length];
        for (int i = 0; i < pairs.size(); i++) {
            int[] target = target(pairs.targets().get(i));
            copy(target, ids, i * length, length);
            if (target.length < length) {
                ids[i * length + target.length] = END;
            }
        }
        return Tensor.of(ids, pairs.size(), length).to(DType.INT32);
    }

    /** Inputs and labels for {@code fit}. */
    public TensorDataset dataset(SequencePairs pairs) {
        return new TensorDataset(inputs(pairs), labels(pairs));
    }

    /** The target text of decoded ids: up to {@code <end>}, without {@code <start>} and padding. */
    public String decode(int[] ids) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            if (id == END) {
                break;
            }
            if (id != START && id != Vocabulary.PAD_INDEX) {
                tokens.add(id < targetVocabulary.size() ? targetVocabulary.token(id) : Vocabulary.UNKNOWN);
            }
        }
        return targetTokenizer.join(tokens);
    }

    /** A target as the tokenizer and vocabulary give it back: what a perfect decoding produces. */
    public String normalized(String target) {
        return decode(target(target));
    }

    private int[] target(String text) {
        return targetVocabulary.encode(targetTokenizer.tokenize(text));
    }

    private static void copy(int[] ids, float[] into, int offset, int room) {
        for (int t = 0; t < Math.min(ids.length, room); t++) {
            into[offset + t] = ids[t];
        }
    }
}
