package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.monitoring.RunEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tensorboard} entry of {@code training.callbacks}. */
class TensorBoardSpecTest {

    @TempDir
    Path directory;

    private static String file(String callback) {
        return """
                data: {name: digits, validation_split: 0.2, limit: 300}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 10, activation: softmax}
                training:
                  optimizer: {name: sgd, learning_rate: 0.05}
                  loss: sparse_categorical_crossentropy
                  metrics: [accuracy]
                  epochs: 2
                  callbacks:
                    - %s
                """.formatted(callback);
    }

    @Test
    void aRunWritesItsEventFilesConfigAndHyperparametersIntoItsDirectory() throws Exception {
        Experiment experiment = Experiment.parse(YamlFile.parse(file(
                "{type: tensorboard, update_frequency: 2, histogram_frequency: 0, directory: logs}"), "x.yaml"),
                directory.resolve("run"), Experiment.Overrides.NONE);
        ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));

        Path logs = directory.resolve("run/logs");
        RunEvents train = new RunEvents(logs.resolve("train"));
        train.refresh();
        RunEvents validation = new RunEvents(logs.resolve("validation"));
        validation.refresh();
        assertEquals(2, train.scalars().get("epoch_loss").size());
        assertEquals(2, validation.scalars().get("epoch_accuracy").size());
        assertEquals(0.05, train.scalars().get("batch_learning_rate").getFirst().value(), 1e-6);
        assertEquals(2, train.scalars().get("batch_loss").getFirst().step());
        assertTrue(train.texts().get("config").contains("learning_rate: 0.05"), train.texts().toString());
        assertTrue(train.texts().containsKey("model/summary"));
        assertTrue(Files.list(logs).anyMatch(f -> f.getFileName().toString().contains("tfevents")),
                "the hparams session records sit in the run's directory");
    }

    @Test
    void badSettingsAreRefusedAtTheirLine() {
        ConfigException error = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                file("{type: tensorboard, update_frequency: -1}"), "x.yaml"), directory, Experiment.Overrides.NONE));
        assertTrue(error.getMessage().contains("x.yaml:12") && error.getMessage().contains("update_frequency"),
                error.getMessage());
    }
}
