package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.io.ModelFile;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data.word_vectors}: pretrained vectors start a text model's embedding, frozen or fine-tuned. */
class WordVectorsSpecTest {

    @TempDir
    Path directory;

    private Experiment experiment(String wordVectors, int outputDim) throws IOException {
        StringBuilder csv = new StringBuilder("sentence,sentiment\n");
        String[] words = {"good", "great", "bad", "awful"};
        for (int i = 0; i < 40; i++) {
            csv.append("the film was ").append(words[i % 4]).append(',').append(i % 4 < 2 ? 1 : 0).append('\n');
        }
        Files.writeString(directory.resolve("texts.csv"), csv);
        Files.writeString(directory.resolve("vectors.txt"), "good 1 0 0.5 0\ngreat 0.9 0.1 0.5 0\nbad -1 0 0 0.5\n"
                + "the 0 0 0 0.25\nunused 3 3 3 3\n");
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, """
                data:
                  text: texts.csv
                  text_column: sentence
                  label_column: sentiment
                  word_vectors: %s
                model:
                  sequential:
                    - {type: embedding, input_dim: 9, output_dim: %d}
                    - {type: permute, dims: [2, 1]}
                    - {type: global_avg_pool}
                    - {type: dense, units: 1, activation: sigmoid}
                training: {loss: binary_crossentropy, epochs: 2, batch_size: 8}
                """.formatted(wordVectors, outputDim));
        return Experiment.read(file, new Experiment.Overrides(null, directory.resolve("run"), null));
    }

    private Map<String, Tensor> trained(Experiment experiment, StringWriter printed) throws IOException {
        ExperimentRun.run(experiment, new PrintWriter(printed));
        return ModelFile.load(directory.resolve("run/last.nabla")).model().stateDict();
    }

    @Test
    void frozenVectorsStayAsTheFileGivesThem() throws IOException {
        StringWriter printed = new StringWriter();
        // The vocabulary: <pad>, <unk>, the, film, was (in every text), then good, great, bad, awful by frequency ties.
        float[] table = trained(experiment("vectors.txt", 4), printed).get("0.weight").toFloatArray();
        assertTrue(printed.toString().contains("vectors.txt: vectors for 4 of the 9 vocabulary tokens, 4 values each,"
                + " frozen"), printed.toString());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25f}, Arrays.copyOf(table, 12));
    }

    @Test
    void trainableVectorsAreFineTuned() throws IOException {
        StringWriter printed = new StringWriter();
        float[] table = trained(experiment("{file: vectors.txt, trainable: true}", 4), printed).get("0.weight")
                .toFloatArray();
        assertTrue(printed.toString().contains("4 values each, fine-tuned"), printed.toString());
        assertFalse(Arrays.equals(new float[] {0, 0, 0, 0.25f}, Arrays.copyOfRange(table, 8, 12)));
    }

    @Test
    void anEmbeddingOfAnotherSizeIsRefusedNamingBoth() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> trained(experiment("vectors.txt", 8), new StringWriter()));
        assertTrue(e.getMessage().contains("experiment.yaml:5: data.word_vectors: the model has no embedding of 9 rows"
                + " (the vocabulary) and 4 columns (the vectors' size); its embeddings are [[9, 8]]"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> trained(experiment("none.txt", 4), new StringWriter()));
        assertTrue(missing.getMessage().contains("cannot read the word vectors"), missing.getMessage());
    }
}
