package dev.nabla.cli.tune;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a trial of {@code nabla tune} trains when it does not train here or in a child process:
 * on a cluster ({@code nabla tune FILE --spark MASTER}, one Spark task per trial).
 */
@FunctionalInterface
public interface TrialExecution {

    /**
     * Trains trial {@code number}'s experiment {@code file} (its relative paths starting from {@code base},
     * at most {@code limit} training and test examples when not null), whose output is the trial's directory,
     * and writes the run's console output to {@code log}.
     *
     * @return null when the run finished, else why it failed
     * @throws IOException if the log cannot be written
     */
    String train(int number, Path file, Path base, Integer limit, Path log) throws IOException;
}
