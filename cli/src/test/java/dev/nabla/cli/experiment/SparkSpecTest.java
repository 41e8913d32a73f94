package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSpecTest {

    private static final String DIGITS = """
            data: {name: digits, validation_split: 0.2}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training: {optimizer: adam, loss: sparse_categorical_crossentropy, epochs: 1}
            """;

    @TempDir
    Path directory;

    @Test
    void theSectionGivesTheSettingsAndTheCommandLineWins() throws IOException {
        Path file = directory.resolve("spark.yaml");
        Files.writeString(file, DIGITS + "spark: {master: 'local[2]', synchronisation: gradient_averaging, workers: 3}\n");

        SparkSpec spark = SparkSpec.read(file);
        assertEquals(new SparkSpec("local[2]", "gradient_averaging", 16, 3), spark);
        assertEquals(Map.of("synchronisation", "gradient_averaging", "sync_every", "16", "workers", "3"),
                spark.settings());
        assertEquals(new SparkSpec("spark://head:7077", "gradient_averaging", 8, 3),
                spark.with("spark://head:7077", null, 8, null));
        Experiment.read(file, Experiment.Overrides.NONE);
    }

    @Test
    void aFileWithoutTheSectionTrainsHere() throws IOException {
        Path file = directory.resolve("here.yaml");
        Files.writeString(file, DIGITS);

        assertEquals(SparkSpec.DEFAULTS, SparkSpec.read(file));
        assertEquals(null, SparkSpec.read(file).master());
        assertEquals("local[4]", SparkSpec.read(file).with("local[4]", null, null, null).master());
    }

    @Test
    void badSettingsAreRefusedWhereTheyAre() {
        ConfigException mode = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                DIGITS + "spark: {master: 'local[2]', synchronisation: parameter_server}\n", "bad.yaml"),
                Path.of("runs"), Experiment.Overrides.NONE));
        assertTrue(mode.getMessage().contains("synchronisation") && mode.getMessage().contains("model_averaging"),
                mode.getMessage());
        ConfigException workers = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                DIGITS + "spark: {master: 'local[2]', workers: 0}\n", "bad.yaml"), Path.of("runs"),
                Experiment.Overrides.NONE));
        assertTrue(workers.getMessage().contains("workers"), workers.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(
                DIGITS + "spark: {master: 'local[2]', executors: 4}\n", "bad.yaml"), Path.of("runs"),
                Experiment.Overrides.NONE));
        assertTrue(unknown.getMessage().contains("executors"), unknown.getMessage());
    }
}
