package dev.nabla.cli;

import dev.nabla.serving.InferenceServer;
import dev.nabla.serving.ServedModel;
import dev.nabla.serving.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla serve MODEL...}: an inference server over the Open Inference Protocol (KServe v2 REST). */
@Command(name = "serve", description = "Serve model files over the Open Inference Protocol (KServe v2 REST:"
        + " /v2/models/NAME/infer and the health and metadata endpoints), with dynamic batching, Prometheus"
        + " /metrics and /v1/models/NAME:predict for images and texts, until stopped (Ctrl-C or SIGTERM: requests"
        + " already accepted are answered first). See docs/serving.md.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "A model file (.nabla), as FILE, NAME=FILE or"
            + " NAME:VERSION=FILE (default name: the file's name; default version: 1); several versions of a name"
            + " may be given, the last is the default.")
    private List<String> models;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to listen on (default:"
            + " ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a"
            + " free one).")
    private int port;

    @Option(names = "--max-batch", defaultValue = "64", paramLabel = "N", description = "The most samples run at"
            + " once by dynamic batching; 1 runs each request alone (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--max-delay-ms", defaultValue = "2", paramLabel = "D", description = "How long a batch waits for"
            + " requests still being read to join it; a lone request never waits (default: ${DEFAULT-VALUE}).")
    private double maxDelayMillis;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Threads running batches, per"
            + " model (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--max-queue", defaultValue = "1024", paramLabel = "N", description = "The most samples waiting"
            + " per model; more are answered 503 (default: ${DEFAULT-VALUE}).")
    private int maxQueue;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS", description = "The longest a request"
            + " waits for its answer; later it is answered 504 (default: ${DEFAULT-VALUE}).")
    private long timeoutMillis;

    @Option(names = "--max-body-bytes", defaultValue = "16777216", paramLabel = "BYTES", description = "The largest"
            + " request body; larger ones are answered 413 (default: ${DEFAULT-VALUE}).")
    private long maxBodyBytes;

    @Option(names = "--access-log", paramLabel = "FILE", description = "Append one JSON line per request to FILE"
            + " ('-' for standard output).")
    private String accessLog;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W", description = "One sample's shape, for model"
            + " files that do not record it.")
    private int[] inputShape;

    @Override
    public Integer call() throws Exception {
        ServerOptions options;
        try {
            options = new ServerOptions(maxBatch, maxDelayMillis, workers, maxQueue, timeoutMillis, maxBodyBytes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServedModelFiles files = new ServedModelFiles(inputShape);
        InferenceServer.Builder builder = InferenceServer.builder().host(host).port(port).options(options)
                .reloader(files::reload);
        PrintWriter out = spec.commandLine().getOut();
        List<ServedModel> served = new java.util.ArrayList<>();
        for (String model : models) {
            served.add(files.load(model));
            builder.model(served.getLast());
        }
        PrintStream log = accessLog();
        if (log != null) {
            builder.accessLog(log);
        }
        InferenceServer server = builder.start();
        for (ServedModel model : served) {
            out.printf("serving %s version %s (input [batch, %s) at %s/v2/models/%s/versions/%s/infer%n", model.name(),
                    model.version(), Arrays.toString(model.sampleShape()).substring(1), server.url(), model.name(),
                    model.version());
        }
        out.println("metrics at " + server.url() + "/metrics; stop with Ctrl-C (requests in flight are answered)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private PrintStream accessLog() throws IOException {
        if (accessLog == null) {
            return null;
        }
        if (accessLog.equals("-")) {
            return System.out;
        }
        return new PrintStream(Files.newOutputStream(Path.of(accessLog), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, java.nio.charset.StandardCharsets.UTF_8);
    }
}
