package dev.nabla.cli;

import dev.nabla.cli.bench.BenchData;
import dev.nabla.cli.bench.GemmProblem;
import dev.nabla.cli.bench.ImageNetInference;
import dev.nabla.cli.bench.InferenceBench;
import dev.nabla.cli.bench.Memory;
import dev.nabla.cli.bench.TrainingBench;
import dev.nabla.cli.bench.Workload;
import dev.nabla.kernels.Parallel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nabla bench gemm|train|infer|generate|serve}: Nabla's speed on the standard workloads of
 * {@code shared/bench/WORKLOADS.md}, one line per measurement, in the form
 * {@code bench/side_by_side.py} parses. The workloads themselves live in
 * {@link dev.nabla.cli.bench}, which the JMH benchmarks of {@code bench/} use too.
 */
@Command(name = "bench",
        description = "Measure Nabla's speed on the standard workloads (GEMM, training, inference, generation,"
                + " serving).",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.Train.class, BenchCommand.Infer.class,
                BenchGenerateCommand.class, BenchServeCommand.class})
final class BenchCommand {

    private static final double MIB = 1 << 20;

    private BenchCommand() {
    }

    /** The {@code --threads} option of every workload. */
    static final class Threads {
        @Option(names = "--threads", paramLabel = "N",
                description = "Kernel threads (default: NABLA_THREADS or the number of cores).")
        private Integer count;

        /** Sets the kernel threads (none given keeps the default) and returns the count in use. */
        int use(CommandSpec spec) {
            if (count != null) {
                if (count < 1) {
                    throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + count);
                }
                Parallel.setThreads(count);
            }
            return Parallel.threads();
        }
    }

    static Workload workload(CommandSpec spec, String name) {
        for (Workload w : Workload.values()) {
            if (w.id().equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new ParameterException(spec.commandLine(), "--model must be mlp, cnn, lstm or transformer, got '" + name + "'");
    }

    static BenchData data(CommandSpec spec, String choice) throws IOException {
        BenchData.Choice parsed;
        try {
            parsed = BenchData.Choice.parse(choice);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage(), e);
        }
        return BenchData.load(parsed);
    }

    static String peakResidentMib() {
        OptionalLong bytes = Memory.peakResidentBytes();
        return bytes.isPresent() ? String.format(Locale.ROOT, "%.0f", bytes.getAsLong() / MIB) : "unknown";
    }

    static void positive(CommandSpec spec, int value, String option) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
    }

    @Command(name = "gemm", description = {
            "C = A·B for square float32 matrices through the kernels in use; one line per size:",
            "gemm n=1024 threads=1 gflops=172.3 (2n³ / the median time of a product)."})
    static final class Gemm implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--sizes", split = ",", paramLabel = "N[,N...]", defaultValue = "128,256,512,1024,2048",
                description = "Matrix orders (default: ${DEFAULT-VALUE}).")
        private List<Integer> sizes;

        @Mixin
        private Threads threads;

        @Option(names = "--min-seconds", defaultValue = "1", paramLabel = "S",
                description = "Warm up, then time, at least 5 products and S seconds per size"
                        + " (default: ${DEFAULT-VALUE}).")
        private double minSeconds;

        @Override
        public Integer call() {
            int used = threads.use(spec);
            sizes.forEach(n -> positive(spec, n, "--sizes"));
            PrintWriter out = spec.commandLine().getOut();
            for (int n : sizes) {
                double gflops = new GemmProblem(n, n).measureGflops(minSeconds);
                out.printf(Locale.ROOT, "gemm n=%d threads=%d gflops=%.1f%n", n, used, gflops);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "train", description = {
            "Training throughput of a workload (batch 128, Adam 1e-3, cross-entropy on logits): samples per second,"
                    + " the median of windows of steps after warm-up steps; heap bytes allocated per step by all"
                    + " threads; the process's peak resident memory:",
            "train model=cnn threads=1 samples_per_s=3510 alloc_mb_per_step=1.2 peak_rss_mb=410 data=fashion-mnist",
            "(MB here are MiB). Data: Fashion-MNIST when installed, otherwise random images of the same shape."})
    static final class Train implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "mlp|cnn|lstm|transformer", description = "The workload.")
        private String model;

        @Mixin
        private Threads threads;

        @Option(names = "--steps", defaultValue = "200", paramLabel = "S",
                description = "Timed steps, in whole windows (default: ${DEFAULT-VALUE}).")
        private int steps;

        @Option(names = "--warmup", defaultValue = "50", paramLabel = "W",
                description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--window", defaultValue = "50", paramLabel = "K",
                description = "Steps per timed window (default: ${DEFAULT-VALUE}).")
        private int window;

        @Option(names = "--data", defaultValue = "auto", paramLabel = "auto|fashion-mnist|random",
                description = "Images to train on (default: ${DEFAULT-VALUE}: Fashion-MNIST if installed,"
                        + " else random).")
        private String dataChoice;

        @Option(names = "--seed", defaultValue = "1",
                description = "Seed of the weights and the order (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Override
        public Integer call() throws IOException {
            Workload workload = workload(spec, model);
            int used = threads.use(spec);
            positive(spec, steps, "--steps");
            positive(spec, window, "--window");
            if (warmup < 0) {
                throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
            }
            BenchData data = data(spec, dataChoice);
            TrainingBench.Result result = new TrainingBench(warmup, window, steps).run(workload, data.train(), seed);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "train model=%s threads=%d samples_per_s=%.0f alloc_mb_per_step=%.1f"
                            + " peak_rss_mb=%s data=%s%n", workload.id(), used, result.samplesPerSecond(),
                    result.allocatedBytesPerStep() / MIB, peakResidentMib(), data.source());
            out.flush();
            return 0;
        }
    }

    @Command(name = "infer", description = {
            "Inference of a workload's network in evaluation mode without gradients: the median latency of"
                    + " one-image calls and the throughput at batch 256:",
            "infer model=cnn threads=1 batch1_ms=0.21 batch256_samples_per_s=5100 data=fashion-mnist",
            "resnet18: torchvision's ResNet-18 with 1,000 classes on random 3x224x224 images, at batch 1 and 32:",
            "infer model=resnet18 threads=1 batch1_ms=31.2 batch32_samples_per_s=40 data=random"})
    static final class Infer implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--model", defaultValue = "cnn", paramLabel = "mlp|cnn|lstm|transformer|resnet18",
                description = "The workload (default: ${DEFAULT-VALUE}).")
        private String model;

        @Mixin
        private Threads threads;

        @Option(names = "--calls", description = "Timed one-image calls (default: 2000; resnet18: 30).")
        private Integer calls;

        @Option(names = "--warmup", description = "Untimed one-image calls first (default: 200; resnet18: 20).")
        private Integer warmup;

        @Option(names = "--batch-calls", description = "Timed calls at batch 256 (resnet18: 32)"
                + " (default: 50; resnet18: 5).")
        private Integer batchCalls;

        @Option(names = "--batch-warmup", description = "Untimed calls at batch 256 (resnet18: 32) first"
                + " (default: 10; resnet18: 2).")
        private Integer batchWarmup;

        @Option(names = "--data", defaultValue = "auto", paramLabel = "auto|fashion-mnist|random",
                description = "Test images (default: ${DEFAULT-VALUE}: Fashion-MNIST if installed, else random;"
                        + " resnet18: always random).")
        private String dataChoice;

        @Override
        public Integer call() throws IOException {
            boolean imageNet = ImageNetInference.MODELS.contains(model.toLowerCase(Locale.ROOT));
            Workload workload = imageNet ? null : workload(spec, model);
            int used = threads.use(spec);
            ImageNetInference standard = ImageNetInference.standard();
            int timed = or(calls, imageNet ? standard.calls() : 2000);
            int batchTimed = or(batchCalls, imageNet ? standard.batchCalls() : 50);
            int untimed = or(warmup, imageNet ? standard.warmupCalls() : 200);
            int batchUntimed = or(batchWarmup, imageNet ? standard.batchWarmupCalls() : 10);
            positive(spec, timed, "--calls");
            positive(spec, batchTimed, "--batch-calls");
            if (untimed < 0 || batchUntimed < 0) {
                throw new ParameterException(spec.commandLine(), "--warmup and --batch-warmup must be 0 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (imageNet) {
                String id = model.toLowerCase(Locale.ROOT);
                InferenceBench.Result result = new ImageNetInference(untimed, timed, batchUntimed, batchTimed)
                        .run(id, 1);
                out.printf(Locale.ROOT, "infer model=%s threads=%d batch1_ms=%.3f batch%d_samples_per_s=%.1f"
                                + " data=random%n", id, used, result.batch1Seconds() * 1e3,
                        ImageNetInference.BATCH_SIZE, result.batchSamplesPerSecond());
                out.flush();
                return 0;
            }
            BenchData data = data(spec, dataChoice);
            InferenceBench.Result result = new InferenceBench(untimed, timed, batchUntimed, batchTimed)
                    .run(workload, data.test(), 1);
            out.printf(Locale.ROOT, "infer model=%s threads=%d batch1_ms=%.3f batch256_samples_per_s=%.0f data=%s%n",
                    workload.id(), used, result.batch1Seconds() * 1e3, result.batchSamplesPerSecond(), data.source());
            out.flush();
            return 0;
        }

        private static int or(Integer given, int standard) {
            return given != null ? given : standard;
        }
    }
}
