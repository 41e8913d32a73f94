package dev.nabla.cli;

import dev.nabla.cli.bench.BenchData;
import dev.nabla.cli.bench.ServingBench;
import dev.nabla.cli.bench.Workload;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.serving.HttpEngine;
import dev.nabla.serving.LoadGenerator;
import dev.nabla.serving.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla bench serve}: the inference server under load on 127.0.0.1, with and without dynamic batching. */
@Command(name = "serve", description = {
        "Start `nabla serve`'s server on 127.0.0.1 for the Fashion-MNIST CNN (a fresh one, or --model FILE) and load"
                + " it with KServe v2 JSON requests of one image from N keep-alive connections (a closed loop), for"
                + " each connection count and each --max-batch (1: no batching); one line per run:",
        "serve model=cnn http=jdk connections=64 max_batch=64 max_delay_ms=2.0 workers=1 threads=2 requests=41000 requests_per_s=4100 p50_ms=14.8"
                + " p99_ms=25.1 mean_batch=52.3 errors_5xx=0",
        "With --soak N, then N requests mixed with bad ones (one in nine), checking each answer's status, each valid"
                + " answer against `predict` (bit for bit), and the heap after"
                + " a full GC after warm-up and at the end; exit code 1"
                + " when a check fails."})
final class BenchServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BenchCommand.Threads threads;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file taking images [1, 28, 28] (default:"
            + " the cnn workload of `nabla bench infer`, freshly initialised).")
    private Path modelFile;

    @Option(names = "--connections", split = ",", defaultValue = "1,8,64", paramLabel = "N,...",
            description = "Concurrent connections, one run each (default: ${DEFAULT-VALUE}).")
    private List<Integer> connections;

    @Option(names = "--max-batch", split = ",", defaultValue = "1,64", paramLabel = "N,...",
            description = "Server --max-batch values, one run each (default: ${DEFAULT-VALUE}).")
    private List<Integer> maxBatches;

    @Option(names = "--max-delay-ms", defaultValue = "2", description = "Server --max-delay-ms (default:"
            + " ${DEFAULT-VALUE}).")
    private double maxDelayMillis;

    @Option(names = "--http", split = ",", defaultValue = "jdk", paramLabel = "ENGINE,...",
            description = "HTTP servers to compare, jdk and/or jetty, one run each, or none: --connections callers"
                    + " inside the JVM calling the server's batcher directly (InferenceServer.infer), the bound"
                    + " batching gives without HTTP (default: ${DEFAULT-VALUE}).")
    private List<String> engines;

    @Option(names = "--workers", defaultValue = "1", description = "Server --workers (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--seconds", defaultValue = "10", description = "Timed seconds per run (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "Untimed seconds of load first, per run (default: ${DEFAULT-VALUE}).")
    private double warmupSeconds;

    @Option(names = "--soak", defaultValue = "0", paramLabel = "REQUESTS",
            description = "Then a soak of this many requests at the largest connection count and --max-batch"
                    + " (default: ${DEFAULT-VALUE}: none).")
    private long soak;

    @Option(names = "--data", defaultValue = "auto", paramLabel = "auto|fashion-mnist|random",
            description = "Test images (default: ${DEFAULT-VALUE}: Fashion-MNIST if installed, else random).")
    private String dataChoice;

    @Override
    public Integer call() throws Exception {
        int used = threads.use(spec);
        if (connections.stream().anyMatch(c -> c < 1) || maxBatches.stream().anyMatch(b -> b < 1) || seconds <= 0
                || warmupSeconds < 0 || soak < 0 || workers < 1) {
            throw new ParameterException(spec.commandLine(), "--connections, --max-batch and --workers must be at least 1,"
                    + " --seconds more than 0, --warmup-seconds and --soak 0 or more");
        }
        BenchData data = BenchCommand.data(spec, dataChoice);
        Layer network = modelFile != null ? ModelFile.load(modelFile).model() : Workload.CNN.network(1);
        ServingBench bench = new ServingBench(network, data.test().features().slice(0, 0, ServingBench.IMAGES));
        PrintWriter out = spec.commandLine().getOut();
        String model = modelFile == null ? "cnn" : modelFile.getFileName().toString();
        List<Optional<HttpEngine>> http;
        try {
            http = engines.stream().map(name -> name.trim().equalsIgnoreCase("none") ? Optional.<HttpEngine>empty()
                    : Optional.of(HttpEngine.parse(name))).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (or none)");
        }
        for (int count : connections) {
            for (int maxBatch : maxBatches) {
                for (Optional<HttpEngine> engine : http) {
                    ServerOptions options = ServerOptions.DEFAULTS.withMaxBatch(maxBatch)
                            .withMaxDelayMillis(maxDelayMillis).withWorkers(workers);
                    ServingBench.Run run = engine.isEmpty() ? bench.inProcess(options, count, warmupSeconds, seconds)
                            : bench.throughput(options, engine.get(), count, warmupSeconds, seconds);
                    LoadGenerator.Result r = run.result();
                    out.printf(Locale.ROOT, "serve model=%s http=%s connections=%d max_batch=%d max_delay_ms=%s"
                                    + " workers=%d threads=%d requests=%d requests_per_s=%.0f p50_ms=%.3f p99_ms=%.3f"
                                    + " mean_batch=%.1f errors_5xx=%d data=%s%n", model,
                            engine.map(e -> e.name().toLowerCase(Locale.ROOT)).orElse("none"), count, maxBatch, maxDelayMillis, workers, used,
                            r.requests(), r.requestsPerSecond(), r.percentileMillis(0.5), r.percentileMillis(0.99),
                            run.meanBatch(), r.serverErrors(), data.source());
                    out.flush();
                }
            }
        }
        return soak > 0 ? soak(bench, out, model, data.source()) : 0;
    }

    private int soak(ServingBench bench, PrintWriter out, String model, String source) throws Exception {
        int count = connections.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int maxBatch = maxBatches.stream().mapToInt(Integer::intValue).max().orElseThrow();
        ServerOptions options = ServerOptions.DEFAULTS.withMaxBatch(maxBatch).withMaxDelayMillis(maxDelayMillis)
                .withWorkers(workers).withMaxBodyBytes(64 * 1024);
        ServingBench.Soak result = bench.soak(options, count, soak);
        LoadGenerator.Result r = result.result();
        double growth = (double) result.heapAfterSoak() / result.heapAfterWarmup() - 1;
        out.printf(Locale.ROOT, "soak model=%s connections=%d max_batch=%d requests=%d statuses=%s mismatches=%d"
                        + " largest_difference=%.2g errors_5xx=%d requests_per_s=%.0f p99_ms=%.3f heap_after_warmup_mib=%.1f"
                        + " heap_after_soak_mib=%.1f heap_growth=%.1f%% data=%s%n", model, count, maxBatch, r.requests(),
                r.statuses(), r.mismatches(), result.largestDifference(), r.serverErrors(), r.requestsPerSecond(), r.percentileMillis(0.99),
                result.heapAfterWarmup() / 1048576.0, result.heapAfterSoak() / 1048576.0, growth * 100, source);
        if (r.firstMismatch() != null) {
            out.println("first mismatch: " + r.firstMismatch());
        }
        out.flush();
        return r.mismatches() == 0 && r.serverErrors() == 0 && growth <= 0.10 ? 0 : 1;
    }
}
