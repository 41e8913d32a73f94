package dev.nabla.bench;

import dev.nabla.kernels.HalfPrecision;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import java.util.Random;
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
 * {@code C = A·B} for square matrices of order n with half-precision operands against the
 * same product in float32, through the kernels in use: what widening the halves while
 * packing costs. {@code operands}: {@code float32} (the baseline, as {@link GemmBenchmark}),
 * {@code bfloat16} and {@code float16} (A and B both halves: half the operand memory),
 * {@code bfloat16-b} (A float32, B bfloat16: activations times bfloat16 weights). C is
 * float32 in every case. Time per product; GFLOP/s = 2n³ / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HalfGemmBenchmark {

    @Param({"256", "512", "1024"})
    public int n;

    @Param({"float32", "bfloat16", "bfloat16-b", "float16"})
    public String operands;

    @Param({"1"})
    public int threads;

    private final Kernels kernels = KernelProvider.get();
    private float[] a;
    private float[] b;
    private short[] aHalf;
    private short[] bHalf;
    private float[] c;
    private HalfPrecision format;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Random random = new Random(42);
        a = new float[n * n];
        b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 * random.nextFloat() - 1;
            b[i] = 2 * random.nextFloat() - 1;
        }
        c = new float[n * n];
        format = operands.equals("float16") ? HalfPrecision.FLOAT16 : HalfPrecision.BFLOAT16;
        aHalf = new short[n * n];
        bHalf = new short[n * n];
        kernels.floatToHalf(format, a, 0, aHalf, 0, a.length);
        kernels.floatToHalf(format, b, 0, bHalf, 0, b.length);
    }

    @Benchmark
    public float[] multiply() {
        switch (operands) {
            case "float32" -> kernels.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            case "bfloat16-b" -> kernels.gemm(format, false, false, n, n, n, 1f, a, 0, n, bHalf, 0, n, 0f, c, 0, n);
            case "bfloat16", "float16" ->
                    kernels.gemm(format, false, false, n, n, n, 1f, aHalf, 0, n, bHalf, 0, n, 0f, c, 0, n);
            default -> throw new IllegalArgumentException("unknown operands " + operands);
        }
        return c;
    }
}
