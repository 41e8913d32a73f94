package dev.nabla.spark;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.tune.DistributedTuning;
import dev.nabla.cli.tune.TuneSpec;
import dev.nabla.cli.tune.Tuning;
import dev.nabla.tune.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code nabla tune FILE --spark MASTER} (found by the cli through {@link java.util.ServiceLoader}) and its
 * Java form: the study of an experiment file's {@code tune} section, each trial one Spark task, the study
 * itself (the search, {@code study.json}, the results) on the driver, so the study directory and
 * {@code --resume} are those of a local study. The trials write their run's files into the study
 * directory, which every machine must reach at the same path (a shared file system), as the data.
 */
public final class SparkTuning implements DistributedTuning {

    @Override
    public List<Trial> tune(Path file, TuneSpec.Overrides overrides, Path output, Integer limit, boolean resume,
                            String master, PrintWriter out) throws IOException {
        SparkSession spark = SparkSession.builder().config(SparkSessions.configuration(master, "nabla tune "
                + file.getFileName())).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            return tune(JavaSparkContext.fromSparkContext(spark.sparkContext()), file, overrides, output, limit,
                    resume, out);
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs (or with {@code resume} continues) the study of {@code file} on {@code context}: as
     * {@code Tuning.run}, with each trial a Spark task. Trials at once: {@code overrides.workers()}, else the
     * file's {@code tune.workers}, else the context's default parallelism.
     *
     * @param output the study directory, or null for {@code runs/NAME-tune}
     * @param limit  the most training and test examples a trial uses, or null for all
     * @return every trial of the study
     * @throws IOException if the files cannot be read or written
     */
    public static List<Trial> tune(JavaSparkContext context, Path file, TuneSpec.Overrides overrides, Path output,
                                   Integer limit, boolean resume, PrintWriter out) throws IOException {
        TuneSpec.Overrides withWorkers = overrides;
        if (overrides.workers() == null && !fileNamesWorkers(file)) {
            withWorkers = new TuneSpec.Overrides(overrides.algorithm(), overrides.trials(),
                    Math.max(1, context.defaultParallelism()), overrides.seed());
        }
        return Tuning.run(file, withWorkers, output, limit, resume, out, new SparkTrials(context));
    }

    private static boolean fileNamesWorkers(Path file) throws IOException {
        ConfigMap root = YamlFile.read(file).asMap();
        return root.has("tune") && root.get("tune").asMap().has("workers");
    }
}
