package dev.nabla.bench;

import dev.nabla.cli.bench.Workload;
import dev.nabla.kernels.Parallel;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
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
 * Forward and backward through one convolution of the {@code cnn} workload, as in a
 * training step at batch 128: {@code conv1} (1→32, 3×3) on {@code [128, 1, 28, 28]} images,
 * which need no gradient, and {@code conv2} (32→64, 3×3) on {@code [128, 32, 13, 13]}
 * activations, which do. The upstream gradient is fixed; gradients are cleared after each call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvolutionBenchmark {

    @Param({"conv1", "conv2"})
    public String layer;

    @Param({"1"})
    public int threads;

    private Layer convolution;
    private Tensor input;
    private Tensor upstream;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        Sequential cnn = Workload.CNN.network(1);
        Generator generator = new Generator(1);
        boolean first = layer.equals("conv1");
        convolution = cnn.get(first ? 0 : 2);
        input = first ? Tensor.rand(generator, 128, 1, 28, 28)
                : Tensor.rand(generator, 128, 32, 13, 13).requiresGrad(true);
        upstream = Tensor.randn(generator, convolution.forward(input).shape().toArray());
    }

    @Benchmark
    public Tensor forwardBackward() {
        Tensor output = convolution.forward(input);
        output.backward(upstream);
        Tensor weightGradient = convolution.parameters().getFirst().grad();
        convolution.parameters().forEach(Parameter::zeroGrad);
        input.zeroGrad();
        return weightGradient;
    }
}
