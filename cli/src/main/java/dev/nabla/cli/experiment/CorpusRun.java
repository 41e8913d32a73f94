package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.text.LanguageModelDataset;
import dev.nabla.data.text.TextCodec;
import dev.nabla.nn.LanguageModel;
import dev.nabla.nn.Layer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs a language-model experiment on a text file ({@code data.corpus}): the last
 * {@code test_split} of the text is the test text; the tokenizer is learnt on the rest, which is
 * cut into sequences of {@code context_length} ids with the ids after them as targets
 * ({@code validation_split} takes the last of them, in text order). The model files keep the
 * tokenizer, so {@code nabla generate} decodes without the corpus; the test loss is also printed
 * in bits per token and per character.
 */
final class CorpusRun {

    private CorpusRun() {
    }

    private record Prepared(TextCodec codec, Split split, int characters, int trainIds, int testIds,
                            int testCharacters) {
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        CorpusSpec spec = experiment.data().corpus();
        Prepared prepared = prepare(experiment);
        int[] sampleShape = sampleShape(spec);
        Layer network = ExperimentRun.build(experiment, sampleShape);
        LanguageModel languageModel = LanguageModelFiles.find(network);
        if (languageModel != null && languageModel.vocabularySize() < prepared.codec().vocabularySize()) {
            throw spec.node().error("the tokenizer has " + prepared.codec().vocabularySize() + " ids but the model's"
                    + " vocabulary_size is " + languageModel.vocabularySize() + "; set vocabulary_size: "
                    + prepared.codec().vocabularySize() + " (or more) in the model");
        }
        out.printf(Locale.ROOT, "%s: %d characters; tokenizer %s with %d ids; %d training and %d test ids (%.2f"
                        + " characters per id)%n", spec.file(), prepared.characters(), spec.tokenizer(),
                prepared.codec().vocabularySize(), prepared.trainIds(), prepared.testIds(),
                prepared.testCharacters() / (double) prepared.testIds());
        Map<String, Double> test = ExperimentRun.trainAndTest(experiment, network, prepared.split(), sampleShape, null,
                Map.of(TextCodec.TRAINING_STATE_KEY, prepared.codec().save()), out);
        double bitsPerToken = LanguageModelDataset.bitsPerToken(test.get("loss"));
        out.printf(Locale.ROOT, "test bits per token %.4f, per character %.4f%n", bitsPerToken,
                bitsPerToken * prepared.testIds() / prepared.testCharacters());
        out.flush();
        return test;
    }

    /** One sample's shape, {@code [context length]}. */
    static int[] sampleShape(CorpusSpec spec) {
        return new int[] {spec.contextLength()};
    }

    private static Prepared prepare(Experiment experiment) throws IOException {
        CorpusSpec spec = experiment.data().corpus();
        String text = spec.read(experiment.data().limit());
        int cut = (int) (text.length() * (1 - spec.testSplit()));
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        String trainText = text.substring(0, cut);
        String testText = text.substring(cut);
        if (trainText.isEmpty() || testText.isEmpty()) {
            throw spec.node().error(spec.file() + " holds " + text.length() + " characters, too few to hold out a"
                    + " test part of " + spec.testSplit());
        }
        TextCodec codec = spec.fit(trainText);
        int[] trainIds = codec.encode(trainText);
        int[] testIds = codec.encode(testText);
        TensorDataset train = sequences(spec, trainIds, spec.stride(), "training");
        TensorDataset test = sequences(spec, testIds, spec.contextLength(), "test");
        return new Prepared(codec, new Split(train, test), text.length(), trainIds.length, testIds.length,
                testText.length());
    }

    private static TensorDataset sequences(CorpusSpec spec, int[] ids, int stride, String part) {
        if (ids.length < spec.contextLength() + 1) {
            throw spec.node().error("the " + part + " text of " + spec.file() + " is " + ids.length + " ids, fewer than"
                    + " one sequence of context_length " + spec.contextLength() + " and the id after it; shorten"
                    + " context_length" + (part.equals("test") ? " or raise test_split" : "") + " or give more text");
        }
        var data = new LanguageModelDataset(ids, spec.contextLength(), stride);
        var all = data.batch(IntStream.range(0, data.size()).toArray());
        return new TensorDataset(all.features(), all.targets());
    }
}
