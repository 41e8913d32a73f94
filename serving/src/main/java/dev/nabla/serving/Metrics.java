package dev.nabla.serving;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's Prometheus metrics, written in the text format at {@code GET /metrics}:
 * {@code nabla_requests_total{endpoint,status}}, {@code nabla_request_duration_seconds{endpoint}}
 * (a histogram), {@code nabla_batch_size{model}} (a histogram of the samples run at once) and
 * {@code nabla_queue_length{model}} (samples waiting).
 */
final class Metrics {

    private static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1, 2.5, 5, 10};
    private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    /** A counter's labels, kept as values: the label text is built when /metrics is read, not per request. */
    private record Answered(String endpoint, int status) {
    }

    private final Map<Answered, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, Histogram> batchSizes = new ConcurrentHashMap<>();

    /** One answered request: its endpoint (infer, metadata, health, ...), status and time taken. */
    void request(String endpoint, int status, long nanos) {
        requests.computeIfAbsent(new Answered(endpoint, status), k -> new LongAdder()).increment();
        latencies.computeIfAbsent(endpoint, k -> new Histogram(LATENCY_BOUNDS)).observe(nanos / 1e9);
    }

    /** One batch of {@code samples} run for a model version. */
    void batch(ServedModel model, int samples) {
        batchSizes.computeIfAbsent(modelLabels(model), k -> new Histogram(BATCH_BOUNDS)).observe(samples);
    }

    /** {@code model="fashion",version="1"}. */
    static String modelLabels(ServedModel model) {
        return labels("model", model.name()) + "," + labels("version", model.version());
    }

    /** The count of answers with this status, over all endpoints. */
    long answered(int status) {
        return requests.entrySet().stream().filter(e -> e.getKey().status() == status)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** The text at {@code /metrics}; {@code queueLengths}: each model's waiting samples, by its {@link #modelLabels}. */
    String write(Map<String, Integer> queueLengths) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP nabla_requests_total Requests answered, by endpoint and HTTP status.\n");
        out.append("# TYPE nabla_requests_total counter\n");
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((key, count) -> counts.put(labels("endpoint", key.endpoint()) + ",status=\"" + key.status()
                + "\"", count.sum()));
        counts.forEach((labels, count) ->
                out.append("nabla_requests_total{").append(labels).append("} ").append(count).append('\n'));
        out.append("# HELP nabla_request_duration_seconds Time from reading a request to its answer.\n");
        out.append("# TYPE nabla_request_duration_seconds histogram\n");
        new TreeMap<>(latencies).forEach((endpoint, h) ->
                h.write(out, "nabla_request_duration_seconds", labels("endpoint", endpoint)));
        out.append("# HELP nabla_batch_size Samples run through a model at once (dynamic batching).\n");
        out.append("# TYPE nabla_batch_size histogram\n");
        new TreeMap<>(batchSizes).forEach((labels, h) -> h.write(out, "nabla_batch_size", labels));
        out.append("# HELP nabla_queue_length Samples waiting for a model.\n");
        out.append("# TYPE nabla_queue_length gauge\n");
        new TreeMap<>(queueLengths).forEach((labels, length) ->
                out.append("nabla_queue_length{").append(labels).append("} ").append(length).append('\n'));
        return out.toString();
    }

    private static String labels(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
