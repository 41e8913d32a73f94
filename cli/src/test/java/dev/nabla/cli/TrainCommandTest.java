package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path directory;

    @Test
    void builtInExperimentReachesNinetyFivePercentOnTheDigits() {
        StringWriter text = new StringWriter();
        Map<String, Double> test = TrainCommand.trainDigits(40, 1, new PrintWriter(text));
        assertTrue(test.get("accuracy") >= 0.95, "test accuracy " + test);
        assertTrue(text.toString().contains("1295 training, 143 validation and 359 test images"), text.toString());
        assertTrue(text.toString().contains("Total params: 4,810"), text.toString());
    }

    private Path experiment(String text) throws IOException {
        Path file = directory.resolve("digits-mlp.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static final String DIGITS = """
            data: digits
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 16, activation: relu}
                - {type: dense, units: 10, activation: softmax}
            training:
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
              epochs: 50
            """;

    @Test
    void trainsAnExperimentFileWithTheOptionsReplacingItsValues() throws IOException {
        Path output = directory.resolve("out");

        Run run = Run.nabla("train", experiment(DIGITS).toString(), "--epochs", "2", "--output", output.toString(),
                "--limit", "300");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("digits: 300 training, 0 validation and 300 test examples"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("test accuracy 0\\.\\d{4}, test loss \\d\\.\\d{4}")),
                run.out());
        assertEquals(3, Files.readAllLines(output.resolve("history.csv")).size());
        assertTrue(Files.exists(output.resolve("metrics.json")));
        assertTrue(Files.readString(output.resolve("config.resolved.yaml")).contains("limit: 300"));
    }

    @Test
    void theSeedOptionReplacesTheFilesSeedAndIsRecorded() throws IOException {
        Path file = experiment(DIGITS.replace("epochs: 50", "epochs: 50\n  seed: 5"));
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        Path third = directory.resolve("third");

        Run.nabla("train", file.toString(), "--epochs", "1", "--limit", "100", "--output", first.toString());
        Run run = Run.nabla("train", file.toString(), "--epochs", "1", "--limit", "100", "--output", second.toString(),
                "--seed", "7");
        Run.nabla("train", file.toString(), "--epochs", "1", "--limit", "100", "--output", third.toString(),
                "--seed", "7");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(first.resolve("config.resolved.yaml")).contains("seed: 5"));
        assertTrue(Files.readString(second.resolve("config.resolved.yaml")).contains("seed: 7"));
        String seven = Files.readString(second.resolve("history.csv"));
        assertEquals(seven, Files.readString(third.resolve("history.csv")), "the same seed trains the same");
        assertTrue(!seven.equals(Files.readString(first.resolve("history.csv"))), "another seed trains otherwise");
    }

    @Test
    void aBadExperimentFileGivesItsMistakeWithoutAStackTrace() throws IOException {
        Path file = experiment(DIGITS.replace("epochs: 50", "epochs: ten"));

        Run run = Run.nabla("train", file.toString());

        assertEquals(1, run.exitCode());
        assertEquals("nabla train: " + file + ":10: training.epochs: expected an integer, got 'ten'\n", run.err());
    }

    @Test
    void aMissingFileIsSaidSo() {
        Run run = Run.nabla("train", directory.resolve("nothing.yaml").toString());

        assertEquals(1, run.exitCode());
        assertEquals("nabla train: no such file: " + directory.resolve("nothing.yaml") + "\n", run.err());
    }

    @Test
    void outputAndLimitNeedAFile() {
        Run run = Run.nabla("train", "--limit", "10");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--limit needs an EXPERIMENT file"), run.err());
    }
}
