package dev.nabla.serving;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * An inference server speaking the Open Inference Protocol (KServe v2 REST) for one or more
 * models, each by name and version, with dynamic batching ({@link ServerOptions}), Prometheus
 * metrics at {@code /metrics} and a convenience endpoint {@code /v1/models/NAME:predict} for
 * images and texts. Built on the JDK's own HTTP server with one virtual thread per request, or
 * on Jetty 12 ({@link HttpEngine}; docs/serving.md gives the measurements behind the default).
 *
 * <pre>{@code
 * try (InferenceServer server = InferenceServer.builder()
 *         .model(ServedModel.of("fashion", network, 1, 28, 28))
 *         .port(0)                     // any free port
 *         .start()) {
 *     System.out.println("serving on " + server.url());
 * }
 * }</pre>
 *
 * {@link #close()} shuts down gracefully: it refuses new requests (503), answers every request
 * accepted before, then closes the port and stops the batch workers.
 */
public final class InferenceServer implements AutoCloseable {

    private final Listener http;
    private final String host;
    private final Map<String, Map<String, Batcher>> models;
    private final Endpoints endpoints;
    private final long graceMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InferenceServer(Builder builder) throws IOException {
        Metrics metrics = new Metrics();
        Map<String, Map<String, Batcher>> byName = new LinkedHashMap<>();
        for (ServedModel model : builder.models) {
            Map<String, Batcher> versions = byName.computeIfAbsent(model.name(), n -> new LinkedHashMap<>());
            if (versions.containsKey(model.version())) {
                throw new IllegalArgumentException("model '" + model.name() + "' version " + model.version()
                        + " is given twice");
            }
            versions.put(model.version(), new Batcher(model, builder.options, metrics));
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("an inference server needs at least one model");
        }
        models = byName;
        endpoints = new Endpoints(models, builder.options, metrics, builder.accessLog, builder.reloader);
        host = builder.host;
        try {
            http = Listener.create(builder.engine, builder.host, builder.port, endpoints);
        } catch (IOException | RuntimeException e) {
            closeBatchers();
            throw e;
        }
        graceMillis = builder.graceMillis;
    }

    /** A builder with {@link ServerOptions#DEFAULTS}, on 127.0.0.1 port 8080. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the one chosen when built with port 0). */
    public int port() {
        return http.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    /**
     * Replaces a served model (same name and version, same shapes) between batches: requests in
     * flight finish on the old one, later ones run on the new one, none is dropped.
     */
    public void reload(ServedModel replacement) {
        Map<String, Batcher> versions = models.get(replacement.name());
        Batcher batcher = versions == null ? null : versions.get(replacement.version());
        if (batcher == null) {
            throw new IllegalArgumentException("no model '" + replacement.name() + "' version "
                    + replacement.version() + " is served");
        }
        batcher.reload(replacement);
    }

    /**
     * In-process inference, without HTTP: the latest version of {@code model} on {@code samples}
     * samples of its sample shape, flattened in {@code data}; the answer is their output rows,
     * flattened. The call joins the same dynamic batches as {@code POST /v2/models/NAME/infer}
     * requests, under the same queue limit, timeout and graceful shutdown, and counts in
     * {@code /metrics} as endpoint {@code in_process}: for an application that embeds the server
     * behind a transport of its own, and for measuring what batching alone gives
     * ({@code nabla bench serve --http none}).
     *
     * @throws ServingException with the status the endpoint would answer: 404 for an unknown model, 400
     *     when {@code data} is not {@code samples} whole samples or holds a value that is not finite,
     *     503 when the queue is full or the server is shutting down, 504 after the timeout
     */
    public float[] infer(String model, float[] data, int samples) {
        return endpoints.inferInProcess(model, data, samples);
    }

    /** The requests whose handling began (each is answered, even during {@link #close()}). */
    public long accepted() {
        return endpoints.accepted();
    }

    /** The answers given so far with this HTTP status (all endpoints). */
    public long answered(int status) {
        return endpoints.metrics().answered(status);
    }

    /**
     * Graceful shutdown: readiness turns false and new requests are answered 503 with
     * {@code Connection: close}; every request accepted before is answered (waiting up to the
     * grace period); then the listening socket closes and the workers stop.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            endpoints.stopAccepting(System.nanoTime() + graceMillis * 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Only refusals (503) can be in flight now: a second is plenty for them.
        http.stop(1);
        closeBatchers();
    }

    private void closeBatchers() {
        boolean interrupted = false;
        for (Map<String, Batcher> versions : models.values()) {
            for (Batcher batcher : versions.values()) {
                try {
                    batcher.close();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What to serve and how; {@link #start()} binds the port and returns the running server. */
    public static final class Builder {
        private final List<ServedModel> models = new ArrayList<>();
        private ServerOptions options = ServerOptions.DEFAULTS;
        private String host = "127.0.0.1";
        private int port = 8080;
        private PrintStream accessLog;
        private UnaryOperator<ServedModel> reloader;
        private long graceMillis = 30_000;
        private HttpEngine engine = HttpEngine.JDK;

        private Builder() {
        }

        /** Serves a model; give several, and several versions of one name (the last given is the default). */
        public Builder model(ServedModel model) {
            models.add(model);
            return this;
        }

        public Builder options(ServerOptions value) {
            options = value;
            return this;
        }

        /** The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** The port (default 8080; 0 picks a free one, see {@link InferenceServer#port()}). */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Writes one JSON line per request (time, remote, method, path, status, duration, sizes) to {@code out}. */
        public Builder accessLog(PrintStream out) {
            accessLog = out;
            return this;
        }

        /**
         * Enables {@code POST /v2/repository/models/NAME/load}: {@code reload} gives a fresh
         * replacement for the model served now (read again from its file, say).
         */
        public Builder reloader(UnaryOperator<ServedModel> reload) {
            reloader = reload;
            return this;
        }

        /** The HTTP server underneath (default {@link HttpEngine#JDK}). */
        public Builder http(HttpEngine value) {
            engine = value;
            return this;
        }

        /** How long {@link InferenceServer#close()} waits for requests in flight (default 30 s). */
        public Builder gracePeriodMillis(long value) {
            graceMillis = value;
            return this;
        }

        /** Runs each model once (building it and learning its output shape), then listens. */
        public InferenceServer start() throws IOException {
            InferenceServer server = new InferenceServer(this);
            try {
                server.http.start();
            } catch (IOException | RuntimeException e) {
                server.closeBatchers();
                throw e;
            }
            return server;
        }
    }
}
