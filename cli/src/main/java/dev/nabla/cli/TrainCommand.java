package dev.nabla.cli;

import dev.nabla.cli.experiment.DistributedTraining;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.cli.experiment.SparkSpec;
import dev.nabla.data.Digits;
import dev.nabla.monitoring.Dashboard;
import dev.nabla.data.Split;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nabla train EXPERIMENT.yaml}: runs the experiment a file describes and writes the
 * run's files into its output directory. Without a file, the built-in experiment: a small
 * MLP on the 8×8 handwritten digits embedded in Nabla (1,797 images, 80/20 split).
 */
@Command(name = "train", description = {
        "Train the model an experiment file describes (see docs/experiments.md) and write the run's files into its"
                + " output directory: config.resolved.yaml, history.csv, best.nabla, last.nabla, metrics.json, curves.png.",
        "Without a file: train a small network on the built-in 8x8 digits and report test accuracy."})
final class TrainCommand implements Callable<Integer> {

    private static final int BUILT_IN_EPOCHS = 40;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT", description = "An experiment file (YAML).")
    private Path experiment;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs, replacing the file's (default: the file's; " + BUILT_IN_EPOCHS + " without a file).")
    private Integer epochs;

    @Option(names = "--output", paramLabel = "DIR",
            description = "The directory the run writes into, replacing the file's (default: the file's, else runs/NAME).")
    private Path output;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use at most N training and N test examples: a quick run to try a file out.")
    private Integer limit;

    @Option(names = "--seed", paramLabel = "N", description = "The seed of the initial weights and of the order,"
            + " replacing the file's (default: the file's; 1 without a file, where it also cuts the split).")
    private Long seed;

    @Option(names = "--dashboard", description = "Serve the live dashboard of this run on 127.0.0.1 while it trains"
            + " (adds a tensorboard callback when the file has none).")
    private boolean dashboard;

    @Option(names = "--dashboard-port", paramLabel = "N",
            description = "The dashboard's port (default: " + DashboardCommand.DEFAULT_PORT + "; 0 for any free one).")
    private int dashboardPort = DashboardCommand.DEFAULT_PORT;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train data-parallel on Apache Spark at MASTER"
            + " (local[2], spark://host:7077; see docs/spark.md), replacing the file's spark.master; the launcher adds"
            + " the spark module to the class path.")
    private String sparkMaster;

    @Option(names = "--synchronisation", paramLabel = "MODE", description = "With --spark: model_averaging (the"
            + " default: weights and optimizer state averaged every --sync-every steps) or gradient_averaging (every step),"
            + " replacing the file's spark.synchronisation.")
    private String synchronisation;

    @Option(names = "--sync-every", paramLabel = "K", description = "With --spark and model averaging: the steps"
            + " between two synchronisations (default: the file's spark.sync_every, else 16).")
    private Integer syncEvery;

    @Option(names = "--workers", paramLabel = "N", description = "With --spark: the number of replicas, one Spark"
            + " task each (default: the file's spark.workers, else 2).")
    private Integer workers;

    @Override
    public Integer call() throws IOException {
        SparkSpec spark = experiment == null ? SparkSpec.DEFAULTS
                : SparkSpec.read(experiment).with(sparkMaster, synchronisation, syncEvery, workers);
        if (spark.master() != null) {
            return trainOnSpark(spark);
        }
        check(epochs, "--epochs");
        check(limit, "--limit");
        PrintWriter out = spec.commandLine().getOut();
        if (experiment != null) {
            Experiment parsed = Experiment.read(experiment, new Experiment.Overrides(epochs, output, limit, seed));
            if (!dashboard) {
                ExperimentRun.run(parsed, out);
                return 0;
            }
            try (Dashboard served = DashboardCommand.start(parsed.output(), dashboardPort, spec)) {
                out.println("dashboard of this run at " + served.uri() + " until training ends; afterwards:"
                        + " ./nabla dashboard " + parsed.output());
                out.flush();
                ExperimentRun.run(parsed.withTensorBoard(), out);
            }
            return 0;
        }
        if (dashboard) {
            throw new ParameterException(spec.commandLine(), "--dashboard needs an EXPERIMENT file; the built-in run"
                    + " writes no files");
        }
        if (output != null || limit != null) {
            throw new ParameterException(spec.commandLine(), (output != null ? "--output" : "--limit")
                    + " needs an EXPERIMENT file; the built-in run writes no files");
        }
        Map<String, Double> test = trainDigits(epochs == null ? BUILT_IN_EPOCHS : epochs,
                seed == null ? 1 : seed, out);
        out.printf(Locale.ROOT, "test accuracy %.4f, test loss %.4f%n", test.get("accuracy"), test.get("loss"));
        out.flush();
        return 0;
    }

    private int trainOnSpark(SparkSpec spark) throws IOException {
        check(syncEvery, "--sync-every");
        check(workers, "--workers");
        if (experiment == null || dashboard) {
            throw new ParameterException(spec.commandLine(), "--spark needs an EXPERIMENT file and no --dashboard");
        }
        DistributedTraining engine = DistributedTraining.find().orElseThrow(() -> new ParameterException(
                spec.commandLine(), "training on Spark (--spark, or the file's spark.master) needs the spark module"
                + " on the class path: ./nabla adds it (building spark/target/nabla-spark.jar) when --spark is given or the file"
                + " has a spark section; with java -jar, use the launcher or spark-submit"));
        engine.run(experiment, new Experiment.Overrides(epochs, output, limit, seed), spark.master(),
                spark.settings(), spec.commandLine().getOut());
        return 0;
    }

    private void check(Integer value, String option) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }

    /** The fraction of the built-in run's training images it validates on. */
    private static final float VALIDATION_SPLIT = 0.1f;

    /** Trains the built-in model and returns its loss and accuracy on the held-out 20%. */

    static Map<String, Double> trainDigits(int epochs, long seed, PrintWriter out) {
        Split split = Digits.load().split(0.8, new Generator(seed));
        // fit validates on the last tenth of the training images, as Keras's validation_split.
        int validation = (int) Math.floor(split.train().size() * (double) VALIDATION_SPLIT);
        out.printf("digits: %d training, %d validation and %d test images of 8x8 pixels, 10 classes%n",
                split.train().size() - validation, validation, split.test().size());
        Layer.manualSeed(seed);
        Model model = new Model(new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10), new Softmax()));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        out.print(model.summary(1, 8, 8));
        out.flush();
        model.fit(split.train(), FitOptions.defaults().epochs(epochs).batchSize(32).validationSplit(VALIDATION_SPLIT)
                .shuffle(true, seed));
        return model.evaluate(split.test(), 256);
    }
}
