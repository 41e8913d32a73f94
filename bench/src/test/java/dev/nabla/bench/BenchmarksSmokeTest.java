package dev.nabla.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.kernels.Parallel;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH wiring, not the speed: every benchmark method runs once, in this JVM, on its
 * smallest parameters. The real runs go through bench/target/benchmarks.jar.
 */
class BenchmarksSmokeTest {

    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(BenchmarksSmokeTest.class.getPackageName() + ".*Benchmark")
                .param("n", "64")
                .forks(0)
                .mode(Mode.SingleShotTime)
                .warmupIterations(0)
                .measurementIterations(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        // gemm n=64, conv1 and conv2, mlp and cnn training steps, half gemm n=64 on 4 operand
        // kinds, half conversions both ways for 2 formats by 2 kernels, mlp and cnn steps in
        // float32 and bfloat16 tensors
        assertEquals(21, results.size());
    }
}
