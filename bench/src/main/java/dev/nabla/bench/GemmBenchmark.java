package dev.nabla.bench;

import dev.nabla.cli.bench.GemmProblem;
import dev.nabla.kernels.Parallel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code C = A·B} for square float32 matrices of order n through the kernels in use (the
 * {@code gemm} workload; {@link GemmProblem}). Time per product; GFLOP/s = 2n³ / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {

    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    @Param({"1"})
    public int threads;

    private GemmProblem problem;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        problem = new GemmProblem(n, n);
    }

    @Benchmark
    public float[] multiply() {
        problem.multiply();
        return problem.result();
    }
}
