package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.text.TextCodec;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.TransformerLanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla train} on a text file for a language model ({@code data.corpus}), then {@code nabla generate}. */
class LanguageModelExperimentTest {

    private static final String TRAINING = """
            training: {optimizer: {name: adam, learning_rate: 0.01},
                       loss: {name: sparse_categorical_crossentropy, from_logits: true}, epochs: 4, batch_size: 16}
            """;
    private static final String GPT = """
            model:
              sequential:
                - {type: transformer_language_model, vocabulary_size: VOCABULARY, context_length: 16, d_model: 16,
                   num_heads: 2, num_layers: 1, positions: rotary, tie_weights: true}
            """;
    private static final String LSTM = """
            model:
              sequential:
                - {type: recurrent_language_model, vocabulary_size: VOCABULARY, embedding_dim: 8, units: 16,
                   num_layers: 2}
            """;

    @TempDir
    Path directory;

    private Path experiment(String data, String model, String vocabulary) throws IOException {
        Files.writeString(directory.resolve("corpus.txt"), "the cat sat on the mat. the dog sat on the log.\n".repeat(60));
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, data + model.replace("VOCABULARY", vocabulary) + TRAINING + "output: "
                + directory.resolve("run") + "\n");
        return file;
    }

    private List<String> losses() throws IOException {
        return Files.readAllLines(directory.resolve("run/history.csv")).stream().skip(1)
                .map(line -> line.split(",")[1]).toList();
    }

    @Test
    void aCharacterGptTrainsKeepsItsTokenizerAndGeneratesTheSameTextForTheSameSeed() throws IOException {
        Path file = experiment("data: {corpus: corpus.txt, tokenizer: char, context_length: 16, validation_split: 0.1}\n",
                GPT, "20");

        Run train = Run.nabla("train", file.toString());

        assertEquals(0, train.exitCode(), train.err());
        // t h e space c a s o n m . d g l and the line break: 15 characters and <pad>, <unk>
        assertTrue(train.out().contains("corpus.txt: 2880 characters; tokenizer char with 17 ids; 2592 training and"
                + " 288 test ids (1.00 characters per id)"), train.out());
        assertTrue(train.out().contains("test bits per token "), train.out());
        List<String> losses = losses();
        assertTrue(Double.parseDouble(losses.getLast()) < Double.parseDouble(losses.getFirst()), losses.toString());
        Path model = directory.resolve("run/best.nabla");
        assertTrue(ModelFile.load(model).trainingState().get(TextCodec.TRAINING_STATE_KEY).startsWith(
                "nabla-tokenizer character"));

        Run first = Run.nabla("generate", model.toString(), "--prompt", "the ", "--tokens", "30", "--seed", "4");
        Run again = Run.nabla("generate", model.toString(), "--prompt", "the ", "--tokens", "30", "--seed", "4",
                "--no-cache");
        Run other = Run.nabla("generate", model.toString(), "--prompt", "the ", "--tokens", "30", "--seed", "5",
                "--temperature", "2", "--top-k", "10", "--top-p", "0.95");
        Run stopped = Run.nabla("generate", model.toString(), "--prompt", "the ", "--tokens", "200", "--stop", ".");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().startsWith("the ") && first.out().length() == 4 + 30 + 1, first.out()); // and a line break
        assertEquals(first.out(), again.out(), "the cache changes nothing");
        assertNotEquals(first.out(), other.out());
        assertTrue(stopped.out().strip().endsWith(".") && stopped.out().indexOf('.') == stopped.out().strip().length() - 1,
                stopped.out());
    }

    @Test
    void aBytePairLstmTrainsAndGenerates() throws IOException {
        Path file = experiment("data: {corpus: corpus.txt, tokenizer: bpe, vocabulary_size: 270, context_length: 8,"
                + " test_split: 0.2}\n", LSTM, "270");

        Run train = Run.nabla("train", file.toString());
        Run generated = Run.nabla("generate", directory.resolve("run/last.nabla").toString(), "--prompt", "the cat",
                "--tokens", "10", "--temperature", "0");

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("tokenizer bpe with 270 ids"), train.out());
        assertEquals(0, generated.exitCode(), generated.err());
        assertTrue(generated.out().startsWith("the cat") && generated.out().length() > "the cat".length() + 5,
                generated.out());
    }

    @Test
    void theMobyDickExampleTrainsOnASliceAndItsModelGenerates() throws IOException {
        Path example = Path.of("..").toAbsolutePath().normalize().resolve("examples/moby-dick-gpt.yaml");
        Path output = directory.resolve("moby");

        Run train = Run.nabla("train", example.toString(), "--limit", "20000", "--epochs", "1", "--output",
                output.toString());
        Run generated = Run.nabla("generate", output.resolve("best.nabla").toString(), "--prompt", "Call me",
                "--tokens", "20");

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("moby-dick.txt.gz: 20000 characters; tokenizer char with "), train.out());
        assertEquals(0, generated.exitCode(), generated.err());
        assertTrue(generated.out().startsWith("Call me") && generated.out().length() == 7 + 20 + 1, generated.out());
    }

    @Test
    void mistakesAreReportedWithWhatToDo() throws IOException {
        Run small = Run.nabla("train", experiment("data: {corpus: corpus.txt, context_length: 16}\n", GPT, "10")
                .toString());
        Run vocabulary = Run.nabla("train", experiment("data: {corpus: corpus.txt, tokenizer: bpe, vocabulary_size: 100,"
                + " context_length: 16}\n", GPT, "10").toString());
        Run notLanguage = Run.nabla("generate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--prompt", "hi");
        Run badTemperature = Run.nabla("generate", "any.nabla", "--prompt", "hi", "--temperature", "-1");
        Path bare = directory.resolve("bare.nabla");
        ModelFile.save(bare, new TransformerLanguageModel(TransformerLanguageModel.Config.of(5, 4, 4, 2, 1)));
        Run noTokenizer = Run.nabla("generate", bare.toString(), "--prompt", "hi");

        assertTrue(small.err().contains("the tokenizer has 17 ids but the model's vocabulary_size is 10; set"
                + " vocabulary_size: 17 (or more) in the model"), small.err());
        assertTrue(vocabulary.err().contains("a byte-pair encoding needs at least 258 ids"), vocabulary.err());
        assertTrue(notLanguage.err().contains("not a language model"), notLanguage.err());
        assertEquals(2, badTemperature.exitCode());
        assertTrue(badTemperature.err().contains("the temperature must be 0 (greedy) or more"), badTemperature.err());
        assertTrue(noTokenizer.err().contains("bare.nabla keeps no tokenizer, so its ids cannot become text"),
                noTokenizer.err());
    }
}
