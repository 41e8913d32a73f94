package dev.nabla.spark;

import dev.nabla.cli.tune.TrialExecution;
import dev.nabla.cli.tune.TrialRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A trial of a study as a Spark job of one task: the task trains the trial's experiment file (what
 * {@code nabla tune-trial} does) and returns its console output and whether it failed; the driver writes
 * the log. Several study threads submit their jobs at once, so {@code workers} trials train side by side
 * on the executors. A trial that throws is a failed trial (recorded, the study goes on); an executor that
 * dies takes its task with it, and Spark runs the task again elsewhere.
 */
final class SparkTrials implements TrialExecution {

    private final JavaSparkContext context;

    SparkTrials(JavaSparkContext context) {
        this.context = context;
    }

    /** What a trial's task sends back to the driver. */
    record Outcome(String failure, String log) implements Serializable {
    }

    @Override
    public String train(int number, Path file, Path base, Integer limit, Path log) throws IOException {
        String fileName = file.toAbsolutePath().toString();
        String baseName = base.toAbsolutePath().toString();
        context.setJobDescription("nabla tune: trial " + number);
        List<Outcome> outcomes = context.parallelize(List.of(number), 1)
                .map(ignored -> trainHere(fileName, baseName, limit)).collect();
        Outcome outcome = outcomes.getFirst();
        Files.writeString(log, outcome.log());
        return outcome.failure();
    }

    /** Runs in the task: trains the trial, catching its failure so that the study records it. */
    static Outcome trainHere(String file, String base, Integer limit) {
        StringWriter text = new StringWriter();
        try (PrintWriter log = new PrintWriter(text)) {
            try {
                TrialRunner.runTrial(Path.of(file), Path.of(base), limit, log);
                log.flush();
                return new Outcome(null, text.toString());
            } catch (IOException | RuntimeException e) {
                log.flush();
                return new Outcome(e.getClass().getSimpleName() + ": " + e.getMessage(), text.toString());
            }
        }
    }
}
