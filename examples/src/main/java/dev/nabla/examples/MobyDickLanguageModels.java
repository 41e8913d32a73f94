package dev.nabla.examples;

import dev.nabla.data.text.CharacterCodec;
import dev.nabla.data.text.LanguageModelDataset;
import dev.nabla.data.text.TextCodec;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Generation;
import dev.nabla.nn.GenerationOptions;
import dev.nabla.nn.LanguageModel;
import dev.nabla.nn.Layer;
import dev.nabla.optim.Adam;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import dev.nabla.train.ScheduledLearningRate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What the character-level language models on Moby Dick share: the corpus cut as
 * {@link MobyDickCharacters} cuts it (runs of white space folded to one space, the first 90
 * percent of the characters to train on, the last 10 to validate on, the training characters as
 * the vocabulary), training with Adam and a cosine schedule on sequences with their next
 * characters as targets, validation bits per character, a sample generated at a temperature,
 * and a model file that keeps the tokenizer for {@code nabla generate}.
 */
final class MobyDickLanguageModels {

    /** The tokenizer and the two streams of ids. */
    record Corpus(CharacterCodec codec, int[] train, int[] validation) {
    }

    /** How to train: sequence length, epochs, batch size, peak learning rate. */
    record Training(int sequenceLength, int epochs, int batchSize, float learningRate) {
    }

    private MobyDickLanguageModels() {
    }

    /** The first {@code limit} characters of Moby Dick (0: all), folded and cut 90/10. */
    static Corpus corpus(int limit) throws IOException {
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ExampleData.file("moby-dick.txt.gz")))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (limit > 0 && limit < text.length()) {
            text = text.substring(0, limit);
        }
        List<String> folded = new Tokenizer(Tokenizer.Level.CHARACTER, false, Tokenizer.Punctuation.KEEP).tokenize(text);
        int cut = (int) (folded.size() * 0.9);
        String train = String.join("", folded.subList(0, cut));
        CharacterCodec codec = CharacterCodec.fit(train, true);
        return new Corpus(codec, codec.encode(train), codec.encode(String.join("", folded.subList(cut,
                folded.size()))));
    }

    /**
     * Trains {@code network} on the corpus, prints and returns its validation loss and bits per
     * character and a sample, and saves it with its tokenizer to {@code output} (null: not saved).
     */
    static <M extends Layer & LanguageModel> Map<String, Double> trainAndReport(M network, Corpus corpus,
            Training training, Path output) throws IOException {
        var train = new LanguageModelDataset(corpus.train(), training.sequenceLength(), training.sequenceLength());
        var validation = new LanguageModelDataset(corpus.validation(), training.sequenceLength(),
                training.sequenceLength());
        int steps = training.epochs() * Math.ceilDiv(train.size(), training.batchSize());
        Model model = new Model(network);
        model.compile(parameters -> new Adam(parameters, training.learningRate()),
                new SparseCategoricalCrossEntropy().fromLogits(true));
        long start = System.nanoTime();
        model.fit(train, FitOptions.defaults().epochs(training.epochs()).batchSize(training.batchSize())
                .shuffle(true, 1).globalClipNorm(1f).validationData(validation)
                .callbacks(ScheduledLearningRate.perUpdate(optimizer -> new CosineAnnealing(optimizer, steps,
                        training.learningRate() / 10))));
        double seconds = (System.nanoTime() - start) / 1e9;
        double loss = model.evaluate(validation, 64).get("loss");
        double bits = LanguageModelDataset.bitsPerToken(loss);
        String sample = sample(network, corpus.codec(), "Call me Ishmael. ", 300);
        System.out.printf(Locale.ROOT, "%s, %d parameters: %.0f s of training, validation loss %.4f, %.3f bits per"
                + " character%nsample at temperature 0.8: %s%n", network.getClass().getSimpleName(),
                network.parameterCount(), seconds, loss, bits, sample);
        if (output != null) {
            ModelFile.save(output, network, null, Map.of(TextCodec.TRAINING_STATE_KEY, corpus.codec().save()));
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("validation_loss", loss);
        figures.put("bits_per_character", bits);
        figures.put("seconds", seconds);
        return figures;
    }

    /** {@code length} characters after {@code prompt}, at temperature 0.8 with seed 1. */
    static String sample(LanguageModel model, TextCodec codec, String prompt, int length) {
        int[] tokens = Generation.generate(model, codec.encode(prompt),
                GenerationOptions.sampling(0.8).seed(1).maxNewTokens(length));
        return prompt + codec.decode(tokens);
    }
}
