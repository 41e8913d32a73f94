package dev.nabla.bench;

import dev.nabla.kernels.HalfPrecision;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.ScalarKernels;
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
 * Converting {@code length} values between float32 and a half format
 * ({@code Kernels.halfToFloat}, {@code floatToHalf}), by the kernels in use ({@code vector})
 * against the scalar definition ({@code scalar}): whether vectorizing the conversions pays.
 * Time per array; values per second = length / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HalfConversionBenchmark {

    @Param({"65536"})
    public int length;

    @Param({"BFLOAT16", "FLOAT16"})
    public HalfPrecision format;

    @Param({"vector", "scalar"})
    public String kernels;

    private Kernels chosen;
    private float[] floats;
    private short[] halves;

    @Setup
    public void setUp() {
        chosen = switch (kernels) {
            case "vector" -> KernelProvider.get();
            case "scalar" -> new ScalarKernels();
            default -> throw new IllegalArgumentException("unknown kernels " + kernels);
        };
        Random random = new Random(42);
        floats = new float[length];
        for (int i = 0; i < length; i++) {
            floats[i] = (float) random.nextGaussian();
        }
        halves = new short[length];
        chosen.floatToHalf(format, floats, 0, halves, 0, length);
    }

    @Benchmark
    public short[] floatToHalf() {
        chosen.floatToHalf(format, floats, 0, halves, 0, length);
        return halves;
    }

    @Benchmark
    public float[] halfToFloat() {
        chosen.halfToFloat(format, halves, 0, floats, 0, length);
        return floats;
    }
}
