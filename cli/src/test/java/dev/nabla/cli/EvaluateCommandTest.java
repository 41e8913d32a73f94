package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class EvaluateCommandTest {

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
    void otherMetricsCanBeAsked() {
        Run run = Run.nabla("evaluate", TrainedDigitsModel.directory().resolve("best.nabla").toString(),
                "--data", "digits:train", "--metrics", "accuracy,sparse_top_k_categorical_accuracy", "--json");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("\\{\"loss\": [0-9.]+, \"accuracy\": [0-9.]+, \"sparse_top_k_categorical_accuracy\":"
                + " [0-9.]+}\n"), run.out());
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
