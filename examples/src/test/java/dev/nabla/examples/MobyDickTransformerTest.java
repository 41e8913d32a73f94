package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.text.TextCodec;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Generation;
import dev.nabla.nn.GenerationOptions;
import dev.nabla.nn.TransformerLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobyDickTransformerTest {

    @TempDir
    Path directory;

    @Test
    void aSliceTrainsBelowGuessingAndTheSavedModelGeneratesWithItsTokenizer() throws IOException {
        Path file = directory.resolve("gpt.nabla");
        Map<String, Double> figures = MobyDickTransformer.run(new ExampleOptions(1, 30_000), file);

        // guessing among the ~60 characters of the slice costs log2(60) = 5.9 bits
        assertTrue(figures.get("bits_per_character") < 5, figures.toString());
        var loaded = ModelFile.load(file);
        var model = (TransformerLanguageModel) loaded.model();
        TextCodec codec = TextCodec.load(loaded.trainingState().get(TextCodec.TRAINING_STATE_KEY));
        var options = GenerationOptions.sampling(0.8).seed(2).maxNewTokens(40);
        int[] cached = Generation.generate(model, codec.encode("Call me"), options);
        int[] uncached = Generation.generate(model, codec.encode("Call me"), options.useCache(false));
        assertEquals(codec.decode(uncached), codec.decode(cached));
        assertEquals(40, codec.decode(cached).length());
    }
}
