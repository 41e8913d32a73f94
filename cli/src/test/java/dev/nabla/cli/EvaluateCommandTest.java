package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path directory;

    @Test
    void givesTheLossAndMetricsTheModelWasTrainedWith() {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "digits:test");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("digits:test: 359 examples\nloss "), run.out());
        assertTrue(run.out().matches("(?s).*\nloss \\d\\.\\d{4}, accuracy 0\\.9\\d{3}\n"), run.out());
    }

    @Test
    void theLastModelOnTheTestSetGivesTheRunsMetricsAsJson() throws IOException {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("last.nabla").toString(),
                "--data", "digits", "--json", "--batch-size", "32");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(TrainedDigitsModel.directory().resolve("metrics.json")), run.out());
    }

    @Test
    void dataOfAnotherShapeIsRefusedNamingBothShapes() {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "fashion-mnist");

        assertEquals(1, run.exitCode());
        assertTrue(run.err()
                .contains("best.nabla takes samples of shape [1, 8, 8], but fashion-mnist gives [1, 28, 28];"
                + " evaluate it on data like the data it was trained on"), run.err());
    }

    @Test
    void theLossTakesOptionsAsInAFileAndALogitsMismatchSaysHow() throws IOException {
        Path model = directory.resolve("logits.nabla");
        dev.nabla.nn.Layer.manualSeed(1);
        dev.nabla.nn.Sequential network = new dev.nabla.nn.Sequential(new dev.nabla.nn.Flatten(),
                dev.nabla.nn.Dense.linear(64, 10));
        dev.nabla.io.ModelFile.save(model, network);

        Run mismatch = Run.nabla("evaluate", model.toString(), "--data", "digits");
        Run withOption = Run.nabla("evaluate", model.toString(), "--data", "digits", "--loss",
                "{name: sparse_categorical_crossentropy, from_logits: true}");

        assertEquals(1, mismatch.exitCode());
        assertTrue(mismatch.err().endsWith("; --loss takes the same mapping, e.g. --loss '{name:"
                + " sparse_categorical_crossentropy, from_logits: true}'\n"), mismatch.err());
        assertEquals(0, withOption.exitCode(), withOption.err());
        assertTrue(withOption.out().contains("loss "), withOption.out());
    }

    @Test
    void otherMetricsCanBeAsked() {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "digits:train", "--metrics", "accuracy,sparse_top_k_categorical_accuracy", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out()
                .matches("\\{\"loss\": [0-9.]+, \"accuracy\": [0-9.]+, \"sparse_top_k_categorical_accuracy\":"
                + " [0-9.]+}\n"), run.out());
    }

    @Test
    void averagedMetricsOfTheFileAreRecordedInTheModelAndEvaluatedAgain() throws IOException {
        Path file = directory.resolve("averaged.yaml");
        Files.writeString(file, """
                data: {name: digits, limit: 200}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy, {name: f1, average: macro}, {name: auc, average: weighted}]
                  epochs: 2
                """);
        Path output = directory.resolve("run");

        Run train = Run.nabla("train", file.toString(), "--output", output.toString());
        Run again = Run.nabla("evaluate", output.resolve("last.nabla").toString(), "--data", "digits", "--json");
        Run asked = Run.nabla("evaluate", output.resolve("last.nabla").toString(), "--data", "digits", "--json",
                "--metrics", "f1:macro,recall:micro");

        assertEquals(0, train.exitCode(), train.err());
        String metrics = Files.readString(output.resolve("metrics.json"));
        assertTrue(metrics.matches("\\{\"loss\": [0-9.]+, \"accuracy\": [0-9.]+, \"f1_score_macro\": [0-9.]+,"
                + " \"auc_weighted\": [0-9.]+}\n"), metrics);
        String resolved = Files.readString(output.resolve("config.resolved.yaml"));
        assertTrue(resolved.contains("metrics:\n  - accuracy\n  - {name: f1_score, average: macro}\n  - {name: auc,"
                + " average: weighted}\n"), resolved);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("\"f1_score_macro\": "), again.out());
        assertEquals(0, asked.exitCode(), asked.err());
        assertTrue(asked.out().matches("\\{\"loss\": [0-9.]+, \"f1_score_macro\": [0-9.]+, \"recall_micro\":"
                + " [0-9.]+}\n"), asked.out());
    }

    @Test
    void aMetricWithAnUnknownAverageIsSaidSo() {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "digits", "--metrics", "f1:mean");

        assertEquals(1, run.exitCode());
        assertEquals("nabla evaluate: average must be one of binary, macro, micro, weighted, got 'mean'\n", run.err());
    }

    @Test
    void unknownDataAndMissingFilesAreSaidSo() {
        Run data = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "cifar:test");
        Run model = Run.nabla("evaluate", "no-such.nabla", "--data", "digits");

        assertEquals(1, data.exitCode());
        assertTrue(data.err().startsWith("nabla evaluate: unknown data 'cifar:test': give one of digits,"
                + " fashion-mnist, mnist"), data.err());
        assertEquals(1, model.exitCode());
        assertTrue(model.err().startsWith("nabla evaluate: "), model.err());
    }
}
