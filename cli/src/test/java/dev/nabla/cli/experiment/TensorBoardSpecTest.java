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
    void layerStatisticsAndValidationPredictionsOfAnImageClassifierGoToTheEventFiles() throws Exception {
        Experiment experiment = Experiment.parse(YamlFile.parse(file(
                "{type: tensorboard, update_frequency: 0, layer_statistics: 3, predictions: 4}"), "x.yaml"),
                directory.resolve("run"), Experiment.Overrides.NONE);
        ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));
        RunEvents train = new RunEvents(directory.resolve("run/train"));
        train.refresh();
        // 240 training images in batches of 32: 8 updates a epoch, statistics at updates 1, 3, 6, 9, 12, 15.
        assertEquals(6, train.scalars().get("layers/gradient_norm/1").size());
        assertEquals(3, train.scalars().get("layers/update_ratio/1").get(1).step());
        assertTrue(train.scalars().containsKey("layers/activation_mean/0"), train.scalars().keySet().toString());
        RunEvents validation = new RunEvents(directory.resolve("run/validation"));
        validation.refresh();
        assertEquals(java.util.Set.of("prediction/0", "prediction/1", "prediction/2", "prediction/3"),
                validation.images().keySet());
        assertEquals(1, validation.images().get("prediction/3").step());
        assertTrue(validation.texts().get("prediction/0").matches("[✓✗] true \\d · predicted \\d \\(\\d\\.\\d\\d\\)"),
                validation.texts().get("prediction/0"));
    }

    @Test
    void aLayerStatisticsEntryWritesItsTableAsCsv() throws Exception {
        Experiment experiment = Experiment.parse(YamlFile.parse(file(
                "{type: layer_statistics, frequency: 4}"), "x.yaml"), directory.resolve("run"),
                Experiment.Overrides.NONE);
        ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));
        java.util.List<String> lines = Files.readAllLines(directory.resolve("run/layer-statistics.csv"));
        assertEquals("update,layer,activation_mean,activation_std,dead_fraction,gradient_norm,weight_norm,update_ratio",
                lines.getFirst());
        assertTrue(lines.stream().anyMatch(line -> line.matches("16,1,[-0-9.E]+,[0-9.E-]+,,[0-9.E-]+,[0-9.E-]+,[0-9.E-]+")),
                String.join("\n", lines));
    }

    @Test
    void badSettingsAreRefusedAtTheirLine() {
        ConfigException error = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                file("{type: tensorboard, update_frequency: -1}"), "x.yaml"), directory, Experiment.Overrides.NONE));
        assertTrue(error.getMessage().contains("x.yaml:12") && error.getMessage().contains("update_frequency"),
                error.getMessage());
    }
}
