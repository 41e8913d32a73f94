package dev.nabla.bench;

import dev.nabla.cli.bench.BenchData;
import dev.nabla.cli.bench.TrainingStep;
import dev.nabla.cli.bench.Workload;
import dev.nabla.kernels.Parallel;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the {@code mlp} or {@code cnn} workload ({@link TrainingStep}: batch
 * 128, forward, cross-entropy, backward, Adam, zeroed gradients), on Fashion-MNIST when it
 * is installed, otherwise on random images of the same shape. Samples/s = 128 / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {

    @Param({"mlp", "cnn"})
    public String model;

    @Param({"1"})
    public int threads;

    private TrainingStep step;

    @Setup
    public void setUp() throws IOException {
        Parallel.setThreads(threads);
        BenchData data = BenchData.load(BenchData.Choice.AUTO);
        step = new TrainingStep(Workload.valueOf(model.toUpperCase(Locale.ROOT)), data.train(), 1);
    }

    @Benchmark
    public float trainingStep() {
        step.run();
        return step.lastLoss();
    }

    @TearDown
    public void tearDown() {
        step.close();
    }
}
