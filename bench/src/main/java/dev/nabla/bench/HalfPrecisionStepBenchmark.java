package dev.nabla.bench;

import dev.nabla.kernels.Parallel;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Linear;
import dev.nabla.tensor.Pooling;
import dev.nabla.tensor.SoftmaxCrossEntropy;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward and backward of the {@code mlp} and {@code cnn} workloads' networks (without
 * dropout, at batch 128) written with tensor ops, with parameters and input in
 * {@code float32}, {@code bfloat16} or {@code float16}: what computing on half tensors costs
 * (each op widens its half inputs and rounds its result; products read the halves). Time per
 * step; the optimizer is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HalfPrecisionStepBenchmark {

    @Param({"mlp", "cnn"})
    public String model;

    @Param({"float32", "bfloat16"})
    public String dtype;

    @Param({"1"})
    public int threads;

    private final List<Tensor> parameters = new ArrayList<>();
    private Tensor input;
    private Tensor labels;

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        DType type = DType.valueOf(dtype.toUpperCase(Locale.ROOT));
        Generator gen = new Generator(1);
        boolean mlp = model.equals("mlp");
        int[][] shapes = mlp ? new int[][] {{128, 784}, {128}, {10, 128}, {10}}
                : new int[][] {{32, 1, 3, 3}, {32}, {64, 32, 3, 3}, {64}, {128, 1600}, {128}, {10, 128}, {10}};
        for (int[] shape : shapes) {
            int fanIn = 1;
            for (int d = 1; d < shape.length; d++) {
                fanIn *= shape[d];
            }
            parameters.add(Tensor.normal(gen, 0f, (float) Math.sqrt(2.0 / Math.max(fanIn, 1)), shape).to(type)
                    .requiresGrad(true));
        }
        input = (mlp ? Tensor.rand(gen, 128, 784) : Tensor.rand(gen, 128, 1, 28, 28)).to(type);
        labels = Tensor.randint(gen, 0, 10, 128);
    }

    @Benchmark
    public float step() {
        Tensor h;
        if (model.equals("mlp")) {
            h = Linear.linear(input, parameters.get(0), parameters.get(1), ActivationFunction.RELU);
            h = Linear.linear(h, parameters.get(2), parameters.get(3), ActivationFunction.LINEAR);
        } else {
            ConvolutionOptions valid = ConvolutionOptions.defaults();
            h = Convolution.conv2d(input, parameters.get(0), parameters.get(1), valid, ActivationFunction.RELU);
            h = Pooling.maxPool2d(h, 2);
            h = Convolution.conv2d(h, parameters.get(2), parameters.get(3), valid, ActivationFunction.RELU);
            h = Pooling.maxPool2d(h, 2).flatten(1, -1);
            h = Linear.linear(h, parameters.get(4), parameters.get(5), ActivationFunction.RELU);
            h = Linear.linear(h, parameters.get(6), parameters.get(7), ActivationFunction.LINEAR);
        }
        Tensor loss = SoftmaxCrossEntropy.perSample(h, labels).mean();
        loss.backward();
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
        return loss.item();
    }
}
