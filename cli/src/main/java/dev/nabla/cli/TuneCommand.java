package dev.nabla.cli;

import dev.nabla.cli.experiment.SparkSpec;
import dev.nabla.cli.tune.DistributedTuning;
import dev.nabla.cli.tune.Tuning;
import dev.nabla.cli.tune.TuneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nabla tune EXPERIMENT.yaml}: searches the hyperparameters an experiment file's
 * {@code tune} section lists (docs/tuning.md), each trial a run of its own.
 */
@Command(name = "tune", description = {
        "Search the hyperparameters listed in an experiment file's tune section (see docs/tuning.md): each trial"
                + " trains the experiment with its values into trials/trial-NNNN/ of the study directory.",
        "Writes study.json after every trial (resumable with --resume), then results.csv, results.json,"
                + " best.yaml and study.png."})
final class TuneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "An experiment file (YAML) with a tune section.")
    private Path experiment;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "random, grid, bayes, tpe, hyperband or asha, replacing the file's (default: random).")
    private String algorithm;

    @Option(names = "--trials", paramLabel = "N", description = "Configurations to try, replacing the file's"
            + " (default 20; grid: the whole grid; hyperband: set by the budget).")
    private Integer trials;

    @Option(names = "--workers", paramLabel = "N",
            description = "Trials at once, each in a worker process of its own (default 1: one after another, here).")
    private Integer workers;

    @Option(names = "--output", paramLabel = "DIR", description = "The study directory (default: runs/NAME-tune).")
    private Path output;

    @Option(names = "--resume", description = "Continue the study saved in the study directory: finished trials"
            + " are kept, interrupted ones run again.")
    private boolean resume;

    @Option(names = "--limit", paramLabel = "N", description = "Each trial uses at most N training and N test examples.")
    private Integer limit;

    @Option(names = "--seed", paramLabel = "N", description = "The study's seed, replacing the file's (default 1).")
    private Long seed;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train each trial as a task on Apache Spark at"
            + " MASTER (local[2], spark://host:7077; see docs/spark.md), --workers trials at once (default: Spark's"
            + " parallelism), replacing the file's spark.master; the launcher adds the spark module to the class path.")
    private String sparkMaster;

    @Override
    public Integer call() throws IOException {
        for (var option : new Object[][] {{trials, "--trials"}, {workers, "--workers"}, {limit, "--limit"}}) {
            if (option[0] != null && (Integer) option[0] < 1) {
                throw new ParameterException(spec.commandLine(), option[1] + " must be at least 1, got " + option[0]);
            }
        }
        if (algorithm != null && !TuneSpec.ALGORITHMS.contains(algorithm)) {
            throw new ParameterException(spec.commandLine(), "--algorithm must be one of "
                    + String.join(", ", TuneSpec.ALGORITHMS) + ", got " + algorithm);
        }
        TuneSpec.Overrides overrides = new TuneSpec.Overrides(algorithm, trials, workers, seed);
        String master = sparkMaster != null ? sparkMaster : SparkSpec.read(experiment).master();
        if (master != null) {
            DistributedTuning engine = DistributedTuning.find().orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "tuning on Spark (--spark, or the file's spark.master) needs the spark module"
                + " on the class path: ./nabla adds it (building spark/target/nabla-spark.jar) when --spark is given or the file"
                + " has a spark section; with java -jar, use the launcher or spark-submit"));
            engine.tune(experiment, overrides, output, limit, resume, master, spec.commandLine().getOut());
            return 0;
        }
        Tuning.run(experiment, overrides, output, limit, resume, spec.commandLine().getOut());
        return 0;
    }
}
