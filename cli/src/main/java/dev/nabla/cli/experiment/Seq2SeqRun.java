package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.data.text.SequencePairEncoder;
import dev.nabla.data.text.SequencePairs;
import dev.nabla.io.JsonWriter;
import dev.nabla.nn.Decoding;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Translator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an experiment on pairs of texts ({@code data.seq2seq}) with a {@code seq2seq_transformer}:
 * shuffles the pairs with the section's seed and holds out {@code test_split} of them, builds the
 * vocabularies from the training pairs, trains with teacher forcing as any run (the inputs are
 * {@code [2, length]}: the source and the target shifted right behind {@code <start>}), then
 * decodes the test sources greedily and by beam search and reports each one's exact-match
 * accuracy beside the teacher-forced test loss, in the output and in {@code metrics.json}.
 */
final class Seq2SeqRun {

    private Seq2SeqRun() {
    }

    /** What the pairs become: the encoder fitted on the training pairs, and the train and test pairs. */
    private record Prepared(SequencePairEncoder encoder, SequencePairs train, SequencePairs test) {

        Split split() {
            return new Split(encoder.dataset(train), encoder.dataset(test));
        }
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        Seq2SeqSpec spec = experiment.data().seq2seq();
        Prepared prepared = prepare(experiment);
        SequencePairEncoder encoder = prepared.encoder();
        int[] sampleShape = {2, encoder.length()};
        Layer network = ExperimentRun.build(experiment, sampleShape);
        Seq2SeqTransformer model = encoderDecoder(network, spec, encoder);
        out.printf(Locale.ROOT, "%s: %d source and %d target tokens from the training pairs, %d ids per side%n",
                spec.title(), encoder.sourceVocabulary().size(), encoder.targetVocabulary().size(), encoder.length());
        Map<String, Double> test = new LinkedHashMap<>(ExperimentRun.trainAndTest(experiment, network,
                prepared.split(), sampleShape, null, Map.of(), out));
        Translator translator = new Translator(model, encoder);
        Decoding beam = Decoding.beam(spec.beamWidth()).lengthPenalty(spec.lengthPenalty());
        test.put("exact_match_greedy", translator.exactMatch(prepared.test(), Decoding.greedy()));
        test.put("exact_match_beam", translator.exactMatch(prepared.test(), beam));
        out.printf(Locale.ROOT, "exact match on %d test pairs: greedy %.4f, beam search (width %d) %.4f%n",
                prepared.test().size(), test.get("exact_match_greedy"), spec.beamWidth(), test.get("exact_match_beam"));
        String example = prepared.test().sources().get(0);
        out.printf(Locale.ROOT, "  %s -> %s%n", example, translator.translate(example, beam));
        out.flush();
        Files.writeString(experiment.output().resolve("metrics.json"),
                JsonWriter.writeLine(JsonWriter.finiteOrNull(test)) + "\n");
        return test;
    }

    /** One sample's shape, {@code [2, length]}. */
    static int[] sampleShape(Experiment experiment) throws IOException {
        return new int[] {2, prepare(experiment).encoder().length()};
    }

    private static Prepared prepare(Experiment experiment) throws IOException {
        Seq2SeqSpec spec = experiment.data().seq2seq();
        SequencePairs pairs = spec.read(experiment.data().limit());
        float[] order = Tensor.permutation(new Generator(spec.seed()), pairs.size()).toFloatArray();
        int[] shuffled = new int[order.length];
        Arrays.setAll(shuffled, i -> (int) order[i]);
        int held = Math.max(1, (int) Math.round(pairs.size() * spec.testSplit()));
        if (held >= pairs.size()) {
            throw spec.node().error("test_split " + spec.testSplit() + " of " + pairs.size() + " pairs leaves none"
                    + " to train on");
        }
        SequencePairs train = pairs.subset(Arrays.copyOfRange(shuffled, 0, pairs.size() - held));
        SequencePairs test = pairs.subset(Arrays.copyOfRange(shuffled, pairs.size() - held, pairs.size()));
        return new Prepared(SequencePairEncoder.fit(train, spec.sourceTokenizer(), spec.targetTokenizer()), train,
                test);
    }

    /** The model's encoder–decoder, which must take the data's vocabularies and lengths. */
    private static Seq2SeqTransformer encoderDecoder(Layer network, Seq2SeqSpec spec, SequencePairEncoder encoder) {
        List<Layer> layers = List.copyOf(network.children().values());
        Layer only = network instanceof Seq2SeqTransformer ? network : layers.size() == 1 ? layers.get(0) : null;
        if (!(only instanceof Seq2SeqTransformer model)) {
            throw spec.node().error("pairs of texts are translated by a model of one layer, {type:"
                    + " seq2seq_transformer, ...}; this model has " + layers.size() + " layers");
        }
        int source = encoder.sourceVocabulary().size();
        int target = encoder.targetVocabulary().size();
        if (model.sourceVocabularySize() < source || model.targetVocabularySize() < target
                || model.maxLength() < encoder.length()) {
            throw spec.node().error("the training pairs have " + source + " source tokens, " + target
                    + " target tokens and up to " + encoder.length() + " ids per side, more than the"
                    + " seq2seq_transformer takes (source_vocabulary_size " + model.sourceVocabularySize()
                    + ", target_vocabulary_size " + model.targetVocabularySize() + ", max_length " + model.maxLength()
                    + "); give it at least source_vocabulary_size: " + source + ", target_vocabulary_size: " + target
                    + ", max_length: " + encoder.length());
        }
        return model;
    }

}
