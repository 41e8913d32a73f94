package dev.nabla.serving;

import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The server's routes: KServe v2's health, metadata and inference endpoints, the v1
 * convenience {@code :predict}, {@code /metrics}, and model reload. Every error is
 * {@code {"error": "..."}} with its status; every answer is counted and timed in
 * {@link Metrics} and, when enabled, written to the access log.
 *
 * <p>Line budget: the routes and the in-process call ({@link InferenceServer#infer}) share the
 * count of calls in flight that graceful shutdown waits for, and the model lookup.
 */
final class Endpoints {

    private static final String JSON = "application/json";

    /**
     * An answer: status, body and its content type; {@code jsonLength} is the length of the JSON
     * before binary tensor data (sent as {@code Inference-Header-Content-Length}), or -1 for none.
     */
    record Answer(int status, byte[] body, String contentType, int jsonLength) {
        static Answer json(int status, Object value) {
            return new Answer(status, JsonWriter.write(value).getBytes(StandardCharsets.UTF_8), JSON, -1);
        }
    }

    private final Map<String, Map<String, Batcher>> models;
    private final ServerOptions options;
    private final Metrics metrics;
    private final PrintStream accessLog;
    private final UnaryOperator<ServedModel> reloader;
    private final LongAdder accepted = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean accepting = true;

    Endpoints(Map<String, Map<String, Batcher>> models, ServerOptions options, Metrics metrics, PrintStream accessLog,
            UnaryOperator<ServedModel> reloader) {
        this.models = models;
        this.options = options;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.reloader = reloader;
    }

    Metrics metrics() {
        return metrics;
    }

    /** Requests whose handling began. */
    long accepted() {
        return accepted.sum();
    }

    /**
     * From now on every request but the health checks is answered 503 with {@code Connection:
     * close}; returns once the requests that began before are answered, or at the deadline.
     */
    void stopAccepting(long deadlineNanos) throws InterruptedException {
        accepting = false;
        while (inFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(1);
        }
    }

    /** Answers one request, whichever HTTP server carries it. */
    void handle(Exchange exchange) throws IOException {
        long start = System.nanoTime();
        inFlight.incrementAndGet();   // before reading the flag: close() waits for every request that saw it true
        accepted.increment();
        String method = exchange.method();
        String path = exchange.path();
        Map<String, String> headers = new LinkedHashMap<>();
        String[] endpoint = {"unknown"};
        Answer answer;
        try {
            if (!accepting && !path.startsWith("/v2/health/")) {
                throw new ServingException(503, "the server is shutting down");
            }
            answer = route(exchange, method, path, endpoint);
        } catch (ServingException e) {
            answer = Answer.json(e.status(), Map.of("error", e.getMessage()));
            if (e.status() == 413 || e.status() == 503 && !accepting) {
                // The body was left unread, or the server is stopping: say so, rather than closing a
                // connection the client would reuse.
                headers.put("Connection", "close");
            }
        } catch (RuntimeException e) {
            answer = Answer.json(500, Map.of("error", "internal error: " + e));
        }
        byte[] body = answer.body();
        headers.put("Content-Type", answer.contentType());
        if (answer.jsonLength() >= 0) {
            headers.put(BinaryTensors.HEADER, Integer.toString(answer.jsonLength()));
        }
        try {
            exchange.respond(answer.status(), headers, body);
        } finally {
            inFlight.decrementAndGet();
            long nanos = System.nanoTime() - start;
            metrics.request(endpoint[0], answer.status(), nanos);
            if (accessLog != null) {
                log(exchange, method, path, answer.status(), nanos, body.length);
            }
        }
    }

    private Answer route(Exchange exchange, String method, String path, String[] endpoint) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.equals(List.of("metrics"))) {
            endpoint[0] = "metrics";
            requireMethod(method, "GET", path);
            Map<String, Integer> queues = new LinkedHashMap<>();
            models.values().forEach(versions -> versions.values().forEach(b ->
                    queues.put(Metrics.modelLabels(b.model()), b.queueLength())));
            return new Answer(200, metrics.write(queues).getBytes(StandardCharsets.UTF_8),
                    "text/plain; version=0.0.4; charset=utf-8", -1);
        }
        if (parts.size() == 3 && parts.get(0).equals("v1") && parts.get(1).equals("models")
                && parts.get(2).endsWith(":predict")) {
            endpoint[0] = "predict";
            requireMethod(method, "POST", path);
            String name = parts.get(2).substring(0, parts.get(2).length() - ":predict".length());
            return Predictions.answer(batcher(name, null), exchange, readBody(exchange), options);
        }
        if (parts.isEmpty() || !parts.get(0).equals("v2")) {
            throw notFound(method, path);
        }
        if (parts.size() == 1) {
            endpoint[0] = "server_metadata";
            requireMethod(method, "GET", path);
            return Answer.json(200, Map.of("name", "nabla", "version", version(), "extensions",
                    reloader == null ? List.of("binary_tensor_data") : List.of("binary_tensor_data", "model_repository")));
        }
        if (parts.size() == 3 && parts.get(1).equals("health")
                && (parts.get(2).equals("live") || parts.get(2).equals("ready"))) {
            endpoint[0] = "health";
            requireMethod(method, "GET", path);
            boolean ok = parts.get(2).equals("live") || accepting;
            return Answer.json(ok ? 200 : 400, Map.of(parts.get(2), ok));
        }
        if (parts.size() == 5 && parts.get(1).equals("repository") && parts.get(2).equals("models")
                && parts.get(4).equals("load") && reloader != null) {
            endpoint[0] = "repository_load";
            requireMethod(method, "POST", path);
            return reload(parts.get(3));
        }
        if (parts.size() >= 3 && parts.get(1).equals("models")) {
            return modelRoute(exchange, method, path, parts, endpoint);
        }
        throw notFound(method, path);
    }

    /** {@code /v2/models/NAME[/versions/V][/ready|/infer]}. */
    private Answer modelRoute(Exchange exchange, String method, String path, List<String> parts, String[] endpoint) {
        String name = parts.get(2);
        int rest = 3;
        String version = null;
        if (parts.size() >= 5 && parts.get(3).equals("versions")) {
            version = parts.get(4);
            rest = 5;
        }
        String action = parts.size() == rest ? "" : parts.size() == rest + 1 ? parts.get(rest) : null;
        if (action == null || !(action.isEmpty() || action.equals("ready") || action.equals("infer"))) {
            throw notFound(method, path);
        }
        endpoint[0] = switch (action) {
            case "ready" -> "model_ready";
            case "infer" -> "infer";
            default -> "model_metadata";
        };
        Batcher batcher = batcher(name, version);
        switch (action) {
            case "ready" -> {
                requireMethod(method, "GET", path);
                return Answer.json(accepting ? 200 : 400, Map.of("name", name, "ready", accepting));
            }
            case "infer" -> {
                requireMethod(method, "POST", path);
                return infer(exchange, batcher);
            }
            default -> {
                requireMethod(method, "GET", path);
                return Answer.json(200, metadata(name, batcher));
            }
        }
    }

    private Map<String, Object> metadata(String name, Batcher batcher) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("versions", List.copyOf(models.get(name).keySet()));
        metadata.put("platform", "nabla");
        metadata.put("inputs", List.of(tensor(InferenceRequest.INPUT, batcher.model().sampleShape())));
        metadata.put("outputs", List.of(tensor(InferenceRequest.OUTPUT, batcher.outputSampleShape())));
        return metadata;
    }

    private static Map<String, Object> tensor(String name, int[] sampleShape) {
        List<Integer> shape = new ArrayList<>();
        shape.add(-1);
        Arrays.stream(sampleShape).forEach(shape::add);
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("datatype", "FP32");
        tensor.put("shape", shape);
        return tensor;
    }

    private Answer infer(Exchange exchange, Batcher batcher) {
        InferenceRequest request;
        CompletableFuture<float[]> pending;
        batcher.arriving().incrementAndGet();
        try {
            request = InferenceRequest.parse(readBody(exchange), headerLength(exchange), batcher.model());
        } finally {
            // Before submitting: a worker that sees this request still counted as arriving would
            // wait the whole batching delay for it.
            batcher.arrived();
        }
        pending = batcher.submit(request.data(), request.samples());
        float[] output = await(pending, options.timeoutMillis());
        ServedModel model = batcher.model();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model_name", model.name());
        answer.put("model_version", model.version());
        if (request.id() != null) {
            answer.put("id", request.id());
        }
        List<Integer> shape = new ArrayList<>(List.of(request.samples()));
        Arrays.stream(batcher.outputSampleShape()).forEach(shape::add);
        List<Float> data = new ArrayList<>(output.length);
        for (float value : output) {
            data.add(value);
        }
        Map<String, Object> tensor = tensor(InferenceRequest.OUTPUT, new int[0]);
        tensor.put("shape", shape);
        if (request.binaryOutput()) {
            tensor.put("parameters", Map.of("binary_data_size", output.length * Float.BYTES));
            answer.put("outputs", List.of(tensor));
            byte[] json = JsonWriter.write(answer).getBytes(StandardCharsets.UTF_8);
            return new Answer(200, BinaryTensors.append(json, output), "application/octet-stream", json.length);
        }
        tensor.put("data", data);
        answer.put("outputs", List.of(tensor));
        return Answer.json(200, answer);
    }

    /**
     * {@link InferenceServer#infer}: the latest version of model {@code name} on {@code samples}
     * samples, through its batcher as an HTTP request goes, refused as the endpoint would refuse it.
     */
    float[] inferInProcess(String name, float[] data, int samples) {
        inFlight.incrementAndGet();   // as handle() does: close() waits for this call
        long start = System.nanoTime();
        int status = 200;
        try {
            if (!accepting) {
                throw new ServingException(503, "the server is shutting down");
            }
            Batcher batcher = batcher(name, null);
            int size = batcher.model().sampleSize();
            if (samples < 1 || data.length != (long) samples * size) {
                throw InferenceRequest.bad("model '" + name + "' takes samples of " + size + " values: "
                        + data.length + " values are not " + samples + " sample(s)");
            }
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    throw InferenceRequest.bad("data[" + i + "] is " + data[i] + ", not a finite FP32 value");
                }
            }
            return await(batcher.submit(data.clone(), samples), options.timeoutMillis());
        } catch (ServingException e) {
            status = e.status();
            throw e;
        } finally {
            inFlight.decrementAndGet();
            metrics.request("in_process", status, System.nanoTime() - start);
        }
    }

    /** {@code Inference-Header-Content-Length}, or -1 when absent. */
    private static long headerLength(Exchange exchange) {
        String value = exchange.header(BinaryTensors.HEADER);
        if (value == null) {
            return -1;
        }
        if (!value.trim().matches("\\d{1,18}")) {
            throw new ServingException(400, BinaryTensors.HEADER + " must be a number of bytes, got '" + value + "'");
        }
        return Long.parseLong(value.trim());
    }

    /** The answer of a queued request: its rows, or its error as a {@link ServingException}. */
    static float[] await(CompletableFuture<float[]> pending, long timeoutMillis) {
        try {
            return pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(false);
            throw new ServingException(504, "no answer within the timeout of " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(503, "the server is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServingException serving) {
                throw serving;
            }
            throw new ServingException(500, "inference failed: " + e.getCause());
        }
    }

    private Answer reload(String name) {
        Batcher batcher = batcher(name, null);
        ServedModel replacement;
        try {
            replacement = reloader.apply(batcher.model());
            batcher.reload(replacement);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ServingException(400, "model '" + name + "' was not reloaded: " + e.getMessage());
        }
        return Answer.json(200, Map.of("name", name, "version", replacement.version(), "reloaded", true));
    }

    private Batcher batcher(String name, String version) {
        Map<String, Batcher> versions = models.get(name);
        if (versions == null) {
            throw new ServingException(404, "no model named '" + name + "'; this server serves " + models.keySet());
        }
        if (version == null) {
            return versions.values().stream().reduce((first, second) -> second).orElseThrow();
        }
        Batcher batcher = versions.get(version);
        if (batcher == null) {
            throw new ServingException(404, "model '" + name + "' has no version '" + version + "'; it has "
                    + versions.keySet());
        }
        return batcher;
    }

    /** The body, refused with 413 past the limit before it is read when the length is declared. */
    private byte[] readBody(Exchange exchange) {
        long limit = options.maxBodyBytes();
        String declared = exchange.header("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        try (InputStream in = exchange.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge("more than " + limit + " bytes", limit);
            }
            return body;
        } catch (IOException e) {
            throw new ServingException(400, "could not read the request body: " + e.getMessage());
        }
    }

    private static ServingException tooLarge(String size, long limit) {
        return new ServingException(413, "the request body holds " + size + "; this server takes at most " + limit
                + " (--max-body-bytes)");
    }

    private static void requireMethod(String method, String wanted, String path) {
        if (!method.equals(wanted)) {
            throw new ServingException(405, method + " " + path + " is not an endpoint; use " + wanted);
        }
    }

    private static ServingException notFound(String method, String path) {
        return new ServingException(404, "no endpoint " + method + " " + path + "; see /v2, /v2/health/live,"
                + " /v2/health/ready, /v2/models/NAME[/versions/V][/ready|/infer], /v1/models/NAME:predict, /metrics");
    }

    private static String version() {
        String version = InferenceServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private void log(Exchange exchange, String method, String path, int status, long nanos, int bytes) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("remote", exchange.remoteAddress());
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("duration_ms", Double.parseDouble(String.format(Locale.ROOT, "%.3f", nanos / 1e6)));
        line.put("response_bytes", bytes);
        accessLog.println(JsonWriter.write(line));
    }
}
