package dev.nabla.cli;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.serving.HttpEngine;
import dev.nabla.serving.InferenceServer;
import dev.nabla.serving.ServedModel;
import dev.nabla.serving.ServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "A model file (.nabla), as FILE, NAME=FILE or"
            + " NAME:VERSION=FILE (default name: the file's name; default version: 1); several versions of a name"
            + " may be given, the last is the default. Added to the models of --config.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Read the settings from the serve: section of a"
            + " YAML file: a serving file (models: [{name, version, file}], host, port, max_batch, max_delay_ms,"
            + " workers, max_queue, timeout_ms, max_body_bytes, access_log, input_shape, http) or an experiment file (its"
            + " trained model by default). Options given on the command line win.")
    private Path config;

    @Option(names = "--host", description = "The address to listen on (default: 127.0.0.1; 0.0.0.0 for every"
            + " interface).")
    private String host;

    @Option(names = "--port", description = "The port (default: 8080; 0 picks a free one).")
    private Integer port;

    @Option(names = "--max-batch", paramLabel = "N", description = "The most samples run at once by dynamic"
            + " batching; 1 runs each request alone (default: 64).")
    private Integer maxBatch;

    @Option(names = "--max-delay-ms", paramLabel = "D", description = "How long a batch waits for requests still"
            + " being read to join it; a lone request never waits (default: 2).")
    private Double maxDelayMillis;

    @Option(names = "--workers", paramLabel = "N", description = "Threads running batches, per model (default: 1).")
    private Integer workers;

    @Option(names = "--max-queue", paramLabel = "N", description = "The most samples waiting per model; more are"
            + " answered 503 (default: 1024).")
    private Integer maxQueue;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "The longest a request waits for its answer;"
            + " later it is answered 504 (default: 10000).")
    private Long timeoutMillis;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "The largest request body; larger ones"
            + " are answered 413 (default: 16777216).")
    private Long maxBodyBytes;

    @Option(names = "--access-log", paramLabel = "FILE", description = "Append one JSON line per request to FILE"
            + " ('-' for standard output).")
    private String accessLog;

    @Option(names = "--http", paramLabel = "ENGINE", description = "The HTTP server: jdk (the JDK's own, virtual"
            + " threads) or jetty (Jetty 12) (default: jdk; docs/serving.md compares them).")
    private String http;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W", description = "One sample's shape, for model"
            + " files that do not record it.")
    private int[] inputShape;

    @Override
    public Integer call() throws Exception {
        InferenceServer server = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Reads the settings (command line over --config over the defaults), loads the models and starts the server. */
    InferenceServer start() throws IOException {
        ServeConfig file;
        try {
            file = config == null ? new ServeConfig(List.of(), null, null, null, null, null, null, null, null, null, null, null)
                    : ServeConfig.read(config);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerOptions defaults = ServerOptions.DEFAULTS;
        ServerOptions options;
        try {
            options = new ServerOptions(pick(maxBatch, file.maxBatch(), defaults.maxBatch()),
                    pick(maxDelayMillis, file.maxDelayMillis(), defaults.maxDelayMillis()),
                    pick(workers, file.workers(), defaults.workers()), pick(maxQueue, file.maxQueue(), defaults.maxQueue()),
                    pick(timeoutMillis, file.timeoutMillis(), defaults.timeoutMillis()),
                    pick(maxBodyBytes, file.maxBodyBytes(), defaults.maxBodyBytes()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> all = new ArrayList<>(file.models());
        all.addAll(models);
        if (all.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one MODEL, or a --config file that names"
                    + " its models");
        }
        HttpEngine engine;
        try {
            engine = HttpEngine.parse(pick(http, file.http(), "jdk"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServedModelFiles files = new ServedModelFiles(pick(inputShape, file.inputShape(), null));
        InferenceServer.Builder builder = InferenceServer.builder().host(pick(host, file.host(), "127.0.0.1"))
                .port(pick(port, file.port(), 8080)).options(options).http(engine).reloader(files::reload);
        PrintWriter out = spec.commandLine().getOut();
        List<ServedModel> served = new ArrayList<>();
        for (String model : all) {
            served.add(files.load(model));
            builder.model(served.getLast());
        }
        PrintStream log = accessLog(pick(accessLog, file.accessLog(), null));
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
        return server;
    }

    /** The command line's value, else the file's, else the default. */
    private static <T> T pick(T commandLine, T file, T fallback) {
        return commandLine != null ? commandLine : file != null ? file : fallback;
    }

    private static PrintStream accessLog(String accessLog) throws IOException {
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
