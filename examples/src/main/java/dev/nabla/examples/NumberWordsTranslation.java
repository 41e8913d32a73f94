package dev.nabla.examples;

import dev.nabla.data.text.NumberWords;
import dev.nabla.data.text.SequencePairEncoder;
import dev.nabla.data.text.SequencePairs;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Decoding;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.optim.Adam;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import dev.nabla.train.Translator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sequence to sequence: an encoder–decoder Transformer learns to write numbers given in words as
 * digits ("three hundred twelve thousand five" → "312005"), on pairs generated with a fixed
 * seed ({@link NumberWords}); word tokens in, character tokens out. Training is teacher forcing:
 * the decoder reads the target shifted right behind {@code <start>} under a causal mask and
 * predicts each next character, padding masked on both sides and left out of the loss. The
 * held-out numbers, never seen in training, are then decoded greedily and by beam search, and
 * scored by exact match.
 *
 * <pre>
 * java ... dev.nabla.examples.NumberWordsTranslation [--epochs 12] [--limit PAIRS]
 * </pre>
 */
public final class NumberWordsTranslation {

    static final int PAIRS = 20_000;
    static final int LARGEST = 999_999;
    static final int BEAM_WIDTH = 4;

    private NumberWordsTranslation() {
    }

    public static void main(String[] args) {
        run(ExampleOptions.parse(args, 12));
    }

    /** Trains and tests; returns the test loss and the exact-match accuracy of greedy and beam decoding. */
    static Map<String, Double> run(ExampleOptions options) {
        int count = options.limit() > 0 ? options.limit() : PAIRS;
        SequencePairs pairs = NumberWords.pairs(count, LARGEST, 1);
        int held = count / 10;
        SequencePairs train = pairs.slice(0, count - held);
        SequencePairs test = pairs.slice(count - held, count);
        SequencePairEncoder encoder = SequencePairEncoder.fit(train, Tokenizer.words(), Tokenizer.characters());

        Layer.manualSeed(1);
        var network = new Seq2SeqTransformer(encoder.sourceVocabulary().size(), encoder.targetVocabulary().size(),
                encoder.length(), TransformerOptions.of(64, 4).dimFeedforward(128).dropout(0.1f).normFirst(true),
                2, 2);
        Model model = new Model(network);
        // Logits in, padding (id 0) left out of the mean: PyTorch's CrossEntropyLoss(ignore_index=0).
        model.compile(parameters -> new Adam(parameters, 1e-3f),
                new SparseCategoricalCrossEntropy().fromLogits(true).ignoreIndex(0));
        long started = System.nanoTime();
        model.fit(encoder.dataset(train), FitOptions.defaults().epochs(options.epochs()).batchSize(64)
                .shuffle(true, 1).verbose(options.limit() == 0));
        double minutes = (System.nanoTime() - started) / 6e10;
        double loss = model.evaluate(encoder.dataset(test), 256).get("loss");

        Translator translator = new Translator(network, encoder);
        double greedy = translator.exactMatch(test, Decoding.greedy());
        double beam = translator.exactMatch(test, Decoding.beam(BEAM_WIDTH));
        double beamByTotal = translator.exactMatch(test, Decoding.beam(BEAM_WIDTH).lengthPenalty(0f));
        System.out.printf(Locale.ROOT, "%d training pairs, %d epochs in %.1f minutes; %d held-out numbers:"
                + " teacher-forced loss %.4f, exact match greedy %.4f, beam search (width %d) %.4f, without length"
                + " normalisation %.4f%n", train.size(), options.epochs(), minutes, test.size(), loss, greedy,
                BEAM_WIDTH, beam, beamByTotal);
        for (String source : List.of("three hundred twelve", "forty thousand seven", test.sources().get(0))) {
            System.out.printf(Locale.ROOT, "  %s -> %s%n", source, translator.translate(source, Decoding.beam(4)));
        }
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("loss", loss);
        results.put("greedy", greedy);
        results.put("beam", beam);
        results.put("beam_by_total", beamByTotal);
        return results;
    }
}
