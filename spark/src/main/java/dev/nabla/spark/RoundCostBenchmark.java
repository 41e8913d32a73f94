package dev.nabla.spark;

import dev.nabla.data.Dataset;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The figures of docs/spark.md on {@code local[2]}: the seconds one synchronisation round costs
 * beyond training, by parameter count (an MLP on Fashion-MNIST with 64 to 2,048 hidden units,
 * Adam, so three floats move per parameter), and the examples per second of one epoch on one
 * machine, on one worker and on two, in both modes.
 *
 * <pre>
 * java [Spark's JVM flags] -cp "spark/target/nabla-spark.jar:$(cat spark/target/spark-classpath.txt)" \
 *     dev.nabla.spark.RoundCostBenchmark
 * </pre>
 */
public final class RoundCostBenchmark {

    private static final int EXAMPLES = 12_000;
    private static final int BATCH_SIZE = 64;

    private RoundCostBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().config(SparkSessions.configuration("local[2]", "nabla round cost"))
                .getOrCreate();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DataSource data = DataSource.named("fashion-mnist:train", EXAMPLES);
        FitOptions options = FitOptions.defaults().epochs(1).batchSize(BATCH_SIZE).shuffle(true, 1).verbose(false);
        System.out.println("round cost (model averaging every 4 steps, 2 workers):");
        for (int hidden : new int[] {64, 512, 2048}) {
            SparkTrainer trainer = new SparkTrainer(context, SparkTraining.modelAveraging(2, 4));
            trainer.fit(recipe(hidden), DataSource.named("fashion-mnist:train", 2_048), options);
            List<RoundTiming> rounds = trainer.timings().subList(1, trainer.timings().size());   // the first warms up
            System.out.printf(Locale.ROOT, "  %,d parameters (%,d floats per replica): %.3f s per round beyond training%n",
                    trainer.model().network().parameters().stream().mapToInt(p -> p.size()).sum(),
                    rounds.getFirst().floatsPerReplica(),
                    rounds.stream().mapToDouble(RoundTiming::synchronisationSeconds).average().orElse(0));
        }
        System.out.printf(Locale.ROOT, "examples per second, one epoch of %,d examples, MLP 784-128-10, batch %d:%n",
                EXAMPLES, BATCH_SIZE);
        Dataset examples = DataSource.cached(data);
        Model single = ReplicaTasks.replica(recipe(128), examples, new ModelState(), Model::new);
        single.fit(examples, options);   // warm-up
        long start = System.nanoTime();
        single.fit(examples, options);
        System.out.printf(Locale.ROOT, "  one machine (Model.fit): %.0f%n", EXAMPLES / seconds(start));
        for (SparkTraining training : List.of(SparkTraining.modelAveraging(1, 16), SparkTraining.modelAveraging(2, 16),
                SparkTraining.gradientAveraging(1), SparkTraining.gradientAveraging(2))) {
            start = System.nanoTime();
            new SparkTrainer(context, training).fit(recipe(128), data, options);
            System.out.printf(Locale.ROOT, "  %s, %d worker%s: %.0f%n", training.synchronisation().fileName(),
                    training.workers(), training.workers() == 1 ? "" : "s", EXAMPLES / seconds(start));
        }
        spark.stop();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static ModelRecipe recipe(int hidden) {
        return ModelRecipe.of(() -> {
            Layer.manualSeed(1);
            return new Sequential(new Flatten(), new Dense(hidden), new Relu(), new Dense(10), new Softmax());
        }, "adam", "sparse_categorical_crossentropy", "accuracy");
    }
}
