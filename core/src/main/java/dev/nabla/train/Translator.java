package dev.nabla.train;

import dev.nabla.data.text.SequencePairEncoder;
import dev.nabla.data.text.SequencePairs;
import dev.nabla.nn.Decoding;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Masks;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts through a trained {@link Seq2SeqTransformer}: each source is encoded once, then the
 * target is decoded one token at a time, greedily or by beam search ({@link Decoding}), from
 * {@code <start>} to {@code <end>} or the encoder's length. Thread-safe, as {@link Model#predict}:
 * it runs in an {@link Inference} scope and changes nothing in the model.
 *
 * <pre>{@code
 * Translator translator = new Translator(network, encoder);
 * translator.translate("three hundred twelve", Decoding.beam(4));   // "312"
 * }</pre>
 *
 * @param network the trained encoder–decoder
 * @param encoder how its texts became ids in training
 */
public record Translator(Seq2SeqTransformer network, SequencePairEncoder encoder) {

    /** The sources decoded at once (greedy decoding batches them). */
    private static final int BATCH = 256;

    /** Checks that the vocabularies and length fit the network. */
    public Translator {
        if (network.sourceVocabularySize() < encoder.sourceVocabulary().size()
                || network.targetVocabularySize() < encoder.targetVocabulary().size()
                || network.maxLength() < encoder.length()) {
            throw new IllegalArgumentException("Translator: the network (vocabularies " + network.sourceVocabularySize()
                    + " and " + network.targetVocabularySize() + ", max_length " + network.maxLength()
                    + ") is too small for the encoder (vocabularies " + encoder.sourceVocabulary().size() + " and "
                    + encoder.targetVocabulary().size() + ", length " + encoder.length() + ")");
        }
    }

    /** The translation of one source. */
    public String translate(String source, Decoding decoding) {
        return translate(List.of(source), decoding).get(0);
    }

    /** The translation of each source, in order. */
    public List<String> translate(List<String> sources, Decoding decoding) {
        List<String> out = new ArrayList<>();
        for (Decoding.Hypothesis hypothesis : decode(sources, decoding)) {
            out.add(encoder.decode(hypothesis.tokens()));
        }
        return out;
    }

    /** The best hypothesis for each source: its target ids and scores. */
    public List<Decoding.Hypothesis> decode(List<String> sources, Decoding decoding) {
        List<Decoding.Hypothesis> out = new ArrayList<>();
        for (int from = 0; from < sources.size(); from += BATCH) {
            List<String> batch = sources.subList(from, Math.min(sources.size(), from + BATCH));
            try (Inference ignored = Inference.enter()) {
                Tensor memory = network.encode(encoder.sources(batch));
                Tensor keep = Masks.of(memory);
                out.addAll(decoding.decode((rows, prefixes) -> {
                    Tensor rowsMemory = Masks.attach(memory.indexSelect(0, rows), keep.indexSelect(0, rows));
                    Tensor logits = network.decode(prefixes, rowsMemory);
                    int last = prefixes.dim(1) - 1;
                    return logits.slice(1, last, last + 1).squeeze(1).logSoftmax(-1);
                }, batch.size(), SequencePairEncoder.START, SequencePairEncoder.END, encoder.length()));
            }
        }
        return out;
    }

    /**
     * The fraction of pairs whose translation equals the target exactly (as the target tokenizer
     * gives it back: lower-case, its spacing).
     */
    public double exactMatch(SequencePairs pairs, Decoding decoding) {
        List<String> translations = translate(pairs.sources(), decoding);
        int matches = 0;
        for (int i = 0; i < pairs.size(); i++) {
            matches += translations.get(i).equals(encoder.normalized(pairs.targets().get(i))) ? 1 : 0;
        }
        return (double) matches / pairs.size();
    }
}
