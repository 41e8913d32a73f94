package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a real standalone cluster (a master and two workers on 127.0.0.1), one executor killed mid-run. */
class StandaloneClusterTest {

    private static final DataSource DATA = DataSource.named("fashion-mnist:train", 6_000);
    private static final FitOptions OPTIONS = FitOptions.defaults().epochs(2).batchSize(64).shuffle(true, 11)
            .verbose(false);

    @Test
    void killingAnExecutorMidRunStillFinishesWithTheSameModel(@TempDir Path directory) throws Exception {
        LocalSpark.stop();   // one SparkContext per JVM
        try (StandaloneCluster cluster = new StandaloneCluster(directory, 2)) {
            SparkConf configuration = SparkSessions.configuration(cluster.masterUrl(), "nabla-cluster-test")
                    .set("spark.executor.extraClassPath", cluster.classPath())
                    .set("spark.executor.extraJavaOptions", StandaloneCluster.EXECUTOR_FLAGS)
                    .set("spark.executor.memory", "1g")
                    .set("spark.cores.max", "2");
            try (JavaSparkContext context = new JavaSparkContext(configuration)) {
                awaitExecutors(context, 2);
                Map<String, Tensor> uninterrupted = train(context, OPTIONS).network().stateDict();
                AtomicReference<Optional<Long>> killed = new AtomicReference<>(Optional.empty());
                Model survived = train(context, OPTIONS.callbacks(new Callback() {
                    @Override
                    public void onTrainBatchEnd(int round, Map<String, Double> logs) {
                        if (round == 2) {
                            Thread.ofVirtual().start(() -> {
                                sleep(150);   // into the next round's tasks
                                killed.set(cluster.killOneExecutor());
                            });
                        }
                    }
                }));
                assertTrue(killed.get().isPresent(), "no executor was killed");
                survived.network().stateDict().forEach((name, value) -> assertArrayEquals(
                        uninterrupted.get(name).toFloatArray(), value.toFloatArray(), name));
                double accuracy = FashionMnistRuns.testAccuracy(survived);
                System.out.printf("standalone cluster: executor %d killed, run finished, test accuracy %.4f%n",
                        killed.get().get(), accuracy);
                assertTrue(accuracy > 0.75, "accuracy " + accuracy);
            }
        }
    }

    private static Model train(JavaSparkContext context, FitOptions options) throws IOException {
        SparkTrainer trainer = new SparkTrainer(context, SparkTraining.modelAveraging(2, 16));
        trainer.fit(FashionMnistRuns.recipe(), DATA, options);
        assertEquals(OPTIONS.epochs() - 1, trainer.timings().getLast().epoch());
        return trainer.model();
    }

    private static void awaitExecutors(JavaSparkContext context, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (context.sc().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not start " + executors + " executors within 180 s");
            }
            Thread.sleep(250);
        }
    }

    private static void sleep(long milliseconds) {
        try {
            Thread.sleep(milliseconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
