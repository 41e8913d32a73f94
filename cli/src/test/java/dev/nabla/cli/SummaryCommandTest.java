package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SummaryCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void summarisesTheModelOfAnExperimentFileWithoutLoadingItsData() {
        Run run = Run.nabla("summary", EXAMPLES.resolve("fashion-mnist-mlp.yaml").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Model: \"sequential\""), run.out());
        assertTrue(run.out().contains("Total params: 101,770"), run.out());
    }

    @Test
    void summarisesAGraphWithItsConnections() {
        Run run = Run.nabla("summary", EXAMPLES.resolve("resnet-fashion-mnist.yaml").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("image (InputLayer)"), run.out());
        assertTrue(run.out().contains("Connected to"), run.out());
    }

    @Test
    void summarisesAModelFileWithTheInputShapeItRecords() {
        Run run = Run.nabla("summary", TrainedDigitsModel.directory().resolve("best.nabla").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(None, 64)"), run.out());
        assertTrue(run.out().contains("Total params: 2,410"), run.out());
    }
}
