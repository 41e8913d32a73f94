package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code nabla train} on pairs of texts ({@code data.seq2seq}) with an encoder–decoder Transformer. */
class Seq2SeqExperimentTest {

    private static final String MODEL = """
            model:
              sequential:
                - {type: seq2seq_transformer, source_vocabulary_size: %d, target_vocabulary_size: 14, max_length: 8,
                   d_model: 32, nhead: 2, dim_feedforward: 64, dropout: 0.0, norm_first: true,
                   num_encoder_layers: 1, num_decoder_layers: 1}
            training:
              optimizer: {name: adam, learning_rate: 0.003}
              loss: {name: sparse_categorical_crossentropy, from_logits: true, ignore_index: 0}
              batch_size: 32
              epochs: 6
            """;

    @TempDir
    Path directory;

    private Path experiment(String data, int sourceVocabulary) throws IOException {
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, data + MODEL.formatted(sourceVocabulary) + "output: " + directory.resolve("run") + "\n");
        return file;
    }

    @Test
    void aGeneratedTaskTrainsWithTeacherForcingAndReportsExactMatch() throws IOException {
        Path file = experiment("data: {seq2seq: number_words, pairs: 600, largest: 9999, seed: 2, test_split: 0.1,"
                + " beam_width: 3}\n", 40);

        Run train = Run.nabla("train", file.toString());

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("number_words: 540 training, 0 validation and 60 test examples of shape [2, 6]"),
                train.out());
        Matcher exact = Pattern.compile("exact match on 60 test pairs: greedy ([0-9.]+), beam search \\(width 3\\)"
                + " ([0-9.]+)").matcher(train.out());
        assertTrue(exact.find(), train.out());
        Map<?, ?> metrics = (Map<?, ?>) new Yaml().load(Files.readString(directory.resolve("run/metrics.json")));
        assertEquals(Double.parseDouble(exact.group(1)), (Double) metrics.get("exact_match_greedy"), 1e-4);
        assertEquals(Double.parseDouble(exact.group(2)), (Double) metrics.get("exact_match_beam"), 1e-4);
        double[] losses = Files.readAllLines(directory.resolve("run/history.csv")).stream().skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
        assertTrue(losses[losses.length - 1] < 0.5 * losses[0], "teacher-forced loss by epoch: "
                + java.util.Arrays.toString(losses));
    }

    @Test
    void pairsFromACsvFileAndTheirMistakesAreReportedAtTheSection() throws IOException {
        Files.writeString(directory.resolve("pairs.csv"), "english,digits\none,1\ntwo,2\nthree,3\nfour,4\n");

        Run small = Run.nabla("train", experiment("data: {seq2seq: pairs.csv, source_column: english,"
                + " target_column: digits}\n", 3).toString());
        Run column = Run.nabla("train", experiment("data: {seq2seq: pairs.csv, source_column: words}\n", 40)
                .toString());
        Run task = Run.nabla("train", experiment("data: {seq2seq: roman_numerals}\n", 40).toString());
        Run tooMany = Run.nabla("train", experiment("data: {seq2seq: number_words, pairs: 80, largest: 99}\n", 40)
                .toString());

        assertEquals(1, small.exitCode());
        assertTrue(small.err().contains("give it at least source_vocabulary_size: 5"), small.err());
        assertTrue(column.err().contains("the column 'words' is not in " + directory.resolve("pairs.csv")
                + "; its columns: english, digits"), column.err());
        assertTrue(task.err().contains("expected a generated task (number_words) or a CSV file of pairs"), task.err());
        assertTrue(tooMany.err().contains("the count from 1 to half the numbers available, got 80 numbers up to 99"),
                tooMany.err());
    }
}
