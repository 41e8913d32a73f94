package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Teacher-forced training of a tiny encoder–decoder on number words, then decoding with it. */
class TranslatorTest {

    @Test
    void teacherForcedLossFallsAndDecodingFollowsTheModel() {
        SequencePairs pairs = NumberWords.pairs(256, 999, 5);
        SequencePairEncoder encoder = SequencePairEncoder.fit(pairs, Tokenizer.words(), Tokenizer.characters());
        Layer.manualSeed(3);
        Seq2SeqTransformer network = new Seq2SeqTransformer(encoder.sourceVocabulary().size(),
                encoder.targetVocabulary().size(), encoder.length(),
                TransformerOptions.of(16, 2).dimFeedforward(32).dropout(0f), 1, 1);
        Model model = new Model(network);
        model.compile(new Adam(network.parameters(), 0.01f),
                new SparseCategoricalCrossEntropy().fromLogits(true).ignoreIndex(0));

        History history = model.fit(encoder.dataset(pairs), FitOptions.defaults().epochs(4).batchSize(32)
                .verbose(false));

        List<Double> loss = history.get("loss");
        assertTrue(loss.getLast() < 0.6 * loss.getFirst(), "teacher-forced loss by epoch: " + loss);
        Translator translator = new Translator(network, encoder);
        List<String> sources = pairs.sources().subList(0, 12);
        List<Decoding.Hypothesis> greedy = translator.decode(sources, Decoding.greedy());
        List<Decoding.Hypothesis> beamOfOne = translator.decode(sources, Decoding.beam(1));
        List<Decoding.Hypothesis> beam = translator.decode(sources, Decoding.beam(3));
        for (int i = 0; i < sources.size(); i++) {
            assertArrayEquals(greedy.get(i).tokens(), beamOfOne.get(i).tokens());
            assertEquals(greedy.get(i).logProbability(), beamOfOne.get(i).logProbability(), 1e-4f);
            assertTrue(beam.get(i).tokens().length <= encoder.length());
        }
        assertEquals(translator.translate(sources.get(0), Decoding.greedy()), encoder.decode(greedy.get(0).tokens()));
        double exact = translator.exactMatch(pairs.slice(0, 64), Decoding.greedy());
        assertTrue(exact >= 0 && exact <= 1);
    }

    @Test
    void aNetworkTooSmallForTheEncoderIsRefused() {
        SequencePairs pairs = NumberWords.pairs(20, 999, 5);
        SequencePairEncoder encoder = SequencePairEncoder.fit(pairs, Tokenizer.words(), Tokenizer.characters());
        Seq2SeqTransformer network = new Seq2SeqTransformer(4, 4, 3, TransformerOptions.of(8, 2), 1, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> new Translator(network, encoder));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }
}
