package dev.nabla.examples;

import dev.nabla.nn.Layer;
import dev.nabla.nn.RecurrentLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A character-level 2-layer LSTM language model on Moby Dick (Karpathy's char-rnn): a
 * {@link RecurrentLanguageModel} with embeddings of 32 and 2 LSTM layers of 128, trained on
 * sequences of 100 characters of the first 90 percent of the text and scored in validation bits
 * per character on the last 10 (the bigram baseline of {@link MobyDickCharacters}: 3.484), then
 * sampled at temperature 0.8 with its state carried from character to character.
 *
 * <pre>
 * java ... dev.nabla.examples.MobyDickLstm [--epochs N] [--limit CHARACTERS]
 * </pre>
 */
public final class MobyDickLstm {

    private MobyDickLstm() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 2), Path.of("moby-dick-lstm.nabla"));
    }

    /** Trains and samples the model; returns its validation loss, bits per character and seconds of training. */
    static Map<String, Double> run(ExampleOptions options, Path output) throws IOException {
        var corpus = MobyDickLanguageModels.corpus(options.limit());
        Layer.manualSeed(1);
        var model = new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(corpus.codec().vocabularySize(), 32,
                128, 2));
        return MobyDickLanguageModels.trainAndReport(model, corpus,
                new MobyDickLanguageModels.Training(MobyDickCharacters.SEQUENCE_LENGTH, options.epochs(), 32, 3e-3f),
                output);
    }
}
