package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.text.TextCodec;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Generation;
import dev.nabla.nn.GenerationOptions;
import dev.nabla.nn.RecurrentLanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobyDickLstmTest {

    @TempDir
    Path directory;

    @Test
    void aSliceTrainsBelowGuessingAndTheSavedModelSamplesTheSameTextForTheSameSeed() throws IOException {
        Path file = directory.resolve("lstm.nabla");
        Map<String, Double> figures = MobyDickLstm.run(new ExampleOptions(1, 30_000), file);

        assertTrue(figures.get("bits_per_character") < 5, figures.toString());
        var loaded = ModelFile.load(file);
        var model = (RecurrentLanguageModel) loaded.model();
        TextCodec codec = TextCodec.load(loaded.trainingState().get(TextCodec.TRAINING_STATE_KEY));
        var options = GenerationOptions.sampling(0.8).seed(3).maxNewTokens(30);
        String first = codec.decode(Generation.generate(model, codec.encode("The whale"), options));
        assertEquals(first, codec.decode(Generation.generate(model, codec.encode("The whale"), options)));
        assertEquals(30, first.length());
    }
}
