package dev.nabla.examples;

import dev.nabla.nn.Layer;
import dev.nabla.nn.TransformerLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A character-level GPT on Moby Dick ({@code examples/data/moby-dick.txt.gz}, public domain): a
 * {@link TransformerLanguageModel} of 4 blocks of width 64 with 4 heads over 128 characters of
 * context, trained on the first 90 percent of the text and scored in validation bits per
 * character on the last 10 (the bigram baseline of {@link MobyDickCharacters}: 3.484), then
 * sampled; the model file keeps its tokenizer, so {@code nabla generate} reads it.
 *
 * <pre>
 * java ... dev.nabla.examples.MobyDickTransformer [--epochs N] [--limit CHARACTERS]
 * </pre>
 */
public final class MobyDickTransformer {

    static final int CONTEXT = 128;

    private MobyDickTransformer() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 2), Path.of("moby-dick-gpt.nabla"));
    }

    /** Trains and samples the model; returns its validation loss, bits per character and seconds of training. */
    static Map<String, Double> run(ExampleOptions options, Path output) throws IOException {
        var corpus = MobyDickLanguageModels.corpus(options.limit());
        Layer.manualSeed(1);
        var model = new TransformerLanguageModel(TransformerLanguageModel.Config.of(corpus.codec().vocabularySize(),
                CONTEXT, 64, 4, 4));
        return MobyDickLanguageModels.trainAndReport(model, corpus,
                new MobyDickLanguageModels.Training(CONTEXT, options.epochs(), 32, 3e-3f), output);
    }
}
