package dev.nabla.cli;

import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.LearningRateSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla lr-find EXPERIMENT.yaml}: the learning-rate range test on an experiment's model and data. */
@Command(name = "lr-find", description = "Find a learning rate: train the experiment's model for a few hundred updates"
        + " while the rate grows exponentially, write the plot of the smoothed loss against the rate and print the"
        + " rate where the loss falls fastest (fastai's lr_find). The model is not saved.")
final class LearningRateFindCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "An experiment file (YAML).")
    private Path experiment;

    @Option(names = "--start", paramLabel = "RATE", defaultValue = "1e-7",
            description = "The first learning rate (default: ${DEFAULT-VALUE}).")
    private double start;

    @Option(names = "--end", paramLabel = "RATE", defaultValue = "10",
            description = "The last learning rate (default: ${DEFAULT-VALUE}).")
    private double end;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
            description = "Updates in the sweep; it stops early once the loss diverges (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--limit", paramLabel = "N", description = "Use at most N training examples.")
    private Integer limit;

    @Option(names = "--output", paramLabel = "FILE",
            description = "The plot to write (default: lr-find.png in the experiment's output directory).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        if (!(start > 0 && end > start)) {
            throw new ParameterException(spec.commandLine(), "--start and --end must satisfy 0 < start < end, got "
                    + start + " and " + end);
        }
        if (steps < 5) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 5, got " + steps);
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        Experiment parsed = Experiment.read(experiment, new Experiment.Overrides(null, null, limit, null));
        Path plot = output != null ? output : parsed.output().resolve("lr-find.png");
        if (plot.toAbsolutePath().getParent() != null) {
            Files.createDirectories(plot.toAbsolutePath().getParent());
        }
        new LearningRateSearch(start, end, steps, plot).run(parsed, spec.commandLine().getOut());
        return 0;
    }
}
