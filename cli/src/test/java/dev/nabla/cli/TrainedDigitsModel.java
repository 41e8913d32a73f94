package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run of a small digits experiment, trained once for the tests that read model files. */
final class TrainedDigitsModel {

    private static Path run;

    private TrainedDigitsModel() {
    }

    /** The run's output directory, with best.nabla and last.nabla. */
    static synchronized Path directory() {
        if (run == null) {
            try {
                Path directory = Files.createTempDirectory("nabla-digits-run");
                Path experiment = directory.resolve("digits.yaml");
                Files.writeString(experiment, """
                        data: {name: digits, validation_split: 0.1}
                        model:
                          sequential:
                            - {type: flatten}
                            - {type: dense, units: 32, activation: relu}
                            - {type: dense, units: 10, activation: softmax}
                        training:
                          optimizer: {name: adam, learning_rate: 0.01}
                          loss: sparse_categorical_crossentropy
                          metrics: [accuracy]
                          epochs: 10
                        """);
                Run trained = Run.nabla("train", experiment.toString(), "--output", directory.resolve("run").toString());
                assertEquals(0, trained.exitCode(), trained.err());
                run = directory.resolve("run");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }
}
