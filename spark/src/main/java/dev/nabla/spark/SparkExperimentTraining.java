package dev.nabla.spark;

import dev.nabla.cli.experiment.DistributedTraining;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.JsonWriter;
import dev.nabla.train.CsvLogger;
import dev.nabla.train.FitOptions;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code nabla train FILE --spark MASTER}: the experiment trained data-parallel by {@link SparkTrainer}
 * (found by the cli through {@link java.util.ServiceLoader}). Writes {@code history.csv},
 * {@code last.nabla}, {@code round.nabla} and {@code metrics.json} into the run's output directory.
 * Runs the experiments of image data sets (built-in names and MNIST-format directories).
 */
public final class SparkExperimentTraining implements DistributedTraining {

    @Override
    public Map<String, Double> run(Path file, Experiment.Overrides overrides, String master,
                                   Map<String, String> settings, PrintWriter out) throws IOException {
        Experiment experiment = Experiment.read(file, overrides);
        if (experiment.data().csv() != null || experiment.data().text() != null
                || experiment.data().timeseries() != null || experiment.data().seq2seq() != null
                || experiment.data().corpus() != null || experiment.model().generative() != null) {
            throw new IllegalArgumentException(file + ": --spark trains experiments on image data sets (a built-in"
                    + " name or a directory of MNIST-format files); this one's data or model is another kind");
        }
        ExperimentRecipe recipe = new ExperimentRecipe(file.toAbsolutePath().toString(), overrides.epochs(),
                overrides.limit(), overrides.seed());
        SparkTraining training = training(settings).checkpoints(experiment.output());
        Split split = experiment.data().load();
        TensorDataset train = split.train();
        int validation = recipe.validationSize(train.size());
        FitOptions options = FitOptions.defaults().epochs(experiment.training().epochs())
                .batchSize(experiment.training().batchSize())
                .shuffle(experiment.training().shuffle(), experiment.training().seed())
                .callbacks(new CsvLogger(experiment.output().resolve("history.csv")),
                        new ModelCheckpoint(experiment.output().resolve("last.nabla")));
        if (validation > 0) {
            options = options.validationData(train.slice(train.size() - validation, train.size()));
        }
        SparkSession spark = SparkSession.builder().config(SparkSessions.configuration(master, "nabla train "
                + file.getFileName())).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            Files.createDirectories(experiment.output());
            out.printf(Locale.ROOT, "training on Spark at %s: %d workers, %s%s%n", master, training.workers(),
                    training.synchronisation().fileName(), training.synchronisation() == Synchronisation.MODEL_AVERAGING
                            ? " every " + training.syncEvery() + " steps" : "");
            out.flush();
            SparkTrainer trainer = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), training);
            trainer.fit(recipe, recipe, options);
            Map<String, Double> test = trainer.model().evaluate(split.test(), experiment.training().batchSize());
            Files.writeString(experiment.output().resolve("metrics.json"),
                    JsonWriter.writeLine(JsonWriter.finiteOrNull(test)) + "\n");
            StringBuilder line = new StringBuilder();
            test.forEach((name, value) -> line.append(String.format(Locale.ROOT, "%stest %s %.4f",
                    line.isEmpty() ? "" : ", ", name, value)));
            out.println(line);
            out.println("wrote " + experiment.output() + ": history.csv, last.nabla, " + SparkTrainer.ROUND_CHECKPOINT
                    + ", metrics.json");
            out.flush();
            return test;
        } finally {
            spark.stop();
        }
    }

    private static SparkTraining training(Map<String, String> settings) {
        Synchronisation mode = Synchronisation.byFileName(settings.getOrDefault("synchronisation", "model_averaging"));
        int workers = Integer.parseInt(settings.getOrDefault("workers", "2"));
        int syncEvery = Integer.parseInt(settings.getOrDefault("sync_every", "16"));
        return new SparkTraining(mode, workers, syncEvery, null);
    }
}
