package dev.nabla.cli;

import dev.nabla.cli.tune.TrialRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nabla tune-trial}: one trial of a study in a worker process of its own, started by
 * {@code nabla tune --workers N}; not meant to be typed.
 */
@Command(name = "tune-trial", hidden = true, description = "Train one trial of 'nabla tune' in a worker process.")
final class TuneTrialCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "The trial's experiment file.")
    private Path experiment;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "Where relative data paths start.")
    private Path base;

    @Option(names = "--limit", paramLabel = "N", description = "Use at most N training and N test examples.")
    private Integer limit;

    @Override
    public Integer call() throws IOException {
        TrialRunner.runTrial(experiment, base, limit, spec.commandLine().getOut());
        return 0;
    }
}
