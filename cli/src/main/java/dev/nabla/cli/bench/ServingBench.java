package dev.nabla.cli.bench;

import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import dev.nabla.nn.Layer;
import dev.nabla.serving.HttpEngine;
import dev.nabla.serving.InferenceServer;
import dev.nabla.serving.LoadGenerator;
import dev.nabla.serving.ServedModel;
import dev.nabla.serving.ServerOptions;
import dev.nabla.serving.ServingException;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * {@code nabla bench serve}: a server for one image model on 127.0.0.1 and the load generator
 * against it, in one JVM. Requests cycle through {@value #IMAGES} test images, each sent as a
 * KServe v2 JSON request of one image.
 *
 * @param network the model (served as "cnn", version 1)
 * @param images  test images {@code [N, C, H, W]}, at least {@value #IMAGES}
 */
public record ServingBench(Layer network, Tensor images) {

    /** Distinct images the requests cycle through. */
    public static final int IMAGES = 256;
    private static final String PATH = "/v2/models/cnn/infer";

    /** One measured load: the generator's result and the mean samples per batch the server ran. */
    public record Run(LoadGenerator.Result result, double meanBatch) {
    }

    /**
     * What a soak measured: the load's result (statuses, mismatches) and the heap in use after a
     * full collection after warm-up and after the soak.
     */
    public record Soak(LoadGenerator.Result result, long heapAfterWarmup, long heapAfterSoak, double largestDifference) {
    }

    /** Warm-up then a timed closed-loop load of {@code connections} connections against a server with these options. */
    public Run throughput(ServerOptions options, HttpEngine engine, int connections, double warmupSeconds,
            double seconds) throws IOException, InterruptedException {
        List<LoadGenerator.Payload> payloads = valid(null);
        try (InferenceServer server = start(options, engine)) {
            LoadGenerator.run("127.0.0.1", server.port(), payloads, connections, Long.MAX_VALUE, warmupSeconds);
            double[] before = batchSums(server);
            LoadGenerator.Result result = LoadGenerator.run("127.0.0.1", server.port(), payloads, connections,
                    Long.MAX_VALUE, seconds);
            double[] after = batchSums(server);
            return new Run(result, (after[0] - before[0]) / Math.max(1, after[1] - before[1]));
        }
    }

    /**
     * As {@link #throughput}, but {@code callers} virtual threads call {@link InferenceServer#infer}
     * in a closed loop instead of connections sending HTTP requests: the same batcher and model
     * without HTTP, JSON or a client, so the bound that no HTTP layer can lift. Latencies are
     * those of the calls.
     */
    public Run inProcess(ServerOptions options, int callers, double warmupSeconds, double seconds)
            throws IOException, InterruptedException {
        float[][] samples = new float[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            samples[i] = images.slice(0, i, i + 1).toFloatArray();
        }
        try (InferenceServer server = start(options, HttpEngine.JDK)) {
            calls(server, samples, callers, warmupSeconds);
            double[] before = batchSums(server);
            LoadGenerator.Result result = calls(server, samples, callers, seconds);
            double[] after = batchSums(server);
            return new Run(result, (after[0] - before[0]) / Math.max(1, after[1] - before[1]));
        }
    }

    /** What one in-process caller saw: each call's latency, and the answers by status. */
    private record Caller(long[] latencies, Map<Integer, Long> statuses) {
    }

    private static LoadGenerator.Result calls(InferenceServer server, float[][] samples, int callers, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Caller> seen = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Caller>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int first = c;
                futures.add(executor.submit(() -> {
                    // Counted per caller and merged at the end: no shared map on the measured path.
                    Map<Integer, Long> statuses = new HashMap<>();
                    long[] own = new long[1024];
                    int count = 0;
                    for (int i = first; System.nanoTime() < end; i++) {
                        long began = System.nanoTime();
                        int status = 200;
                        try {
                            server.infer("cnn", samples[i % samples.length], 1);
                        } catch (ServingException e) {
                            status = e.status();
                        }
                        statuses.merge(status, 1L, Long::sum);
                        own = count == own.length ? Arrays.copyOf(own, 2 * count) : own;
                        own[count++] = System.nanoTime() - began;
                    }
                    return new Caller(Arrays.copyOf(own, count), statuses);
                }));
            }
            for (Future<Caller> future : futures) {
                try {
                    seen.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("an in-process caller failed", e.getCause());
                }
            }
        }
        Map<Integer, Long> statuses = new HashMap<>();
        seen.forEach(caller -> caller.statuses().forEach((status, n) -> statuses.merge(status, n, Long::sum)));
        long[] all = seen.stream().flatMapToLong(caller -> Arrays.stream(caller.latencies())).sorted().toArray();
        return new LoadGenerator.Result(callers, (System.nanoTime() - start) / 1e9, Map.copyOf(statuses), 0, null, all);
    }

    /**
     * {@code requests} requests at {@code connections} connections, one in nine of them bad
     * (malformed JSON, wrong shape, a string for a number, an unknown model, a wrong datatype, an
     * oversized body), each valid answer checked against {@link Model#predict} of its image.
     */
    public Soak soak(ServerOptions options, int connections, long requests) throws IOException, InterruptedException {
        List<LoadGenerator.Payload> payloads = new ArrayList<>();
        List<LoadGenerator.Payload> bad = bad(options);
        DoubleAccumulator largest = new DoubleAccumulator(Math::max, 0);
        List<LoadGenerator.Payload> valid = valid(largest);
        for (int i = 0; i < valid.size(); i++) {
            payloads.add(valid.get(i));
            if (i % 8 == 7) {
                payloads.add(bad.get(i / 8 % bad.size()));
            }
        }
        try (InferenceServer server = start(options, HttpEngine.JDK)) {
            long warmup = Math.min(requests / 10, 20_000);
            LoadGenerator.run("127.0.0.1", server.port(), payloads, connections, warmup, 3_600);
            long heapAfterWarmup = heapAfterFullCollection();
            LoadGenerator.Result result = LoadGenerator.run("127.0.0.1", server.port(), payloads, connections,
                    requests, 3_600);
            return new Soak(result, heapAfterWarmup, heapAfterFullCollection(), largest.get());
        }
    }

    private InferenceServer start(ServerOptions options, HttpEngine engine) throws IOException {
        int[] sampleShape = Arrays.copyOfRange(images.shape().toArray(), 1, images.rank());
        return InferenceServer.builder().model(ServedModel.of("cnn", network, sampleShape)).options(options).http(engine)
                .port(0).start();
    }

    /**
     * One request per image; with {@code largest}, each checks that its answer is bit for bit
     * predict's output for its image (inference computes a row the same way whatever the batch it
     * sits in, and JSON carries each float's shortest exact text), keeping the largest difference seen.
     */
    private List<LoadGenerator.Payload> valid(DoubleAccumulator largest) {
        List<LoadGenerator.Payload> payloads = new ArrayList<>();
        Model model = new Model(network);
        for (int i = 0; i < IMAGES; i++) {
            Tensor image = images.slice(0, i, i + 1);
            float[] expected = largest != null ? model.predict(image).toFloatArray() : null;
            payloads.add(new LoadGenerator.Payload(PATH, body("FP32", image.shape().toArray(), image.toFloatArray()),
                    200, largest != null ? answer -> agrees(expected, outputs(answer), largest) : null));
        }
        return payloads;
    }

    private static boolean agrees(float[] expected, float[] actual, DoubleAccumulator largest) {
        if (actual == null || actual.length != expected.length) {
            return false;
        }
        boolean agrees = true;
        for (int i = 0; i < expected.length; i++) {
            double difference = Math.abs(expected[i] - actual[i]);
            largest.accumulate(difference);
            agrees &= Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]);
        }
        return agrees;
    }

    private List<LoadGenerator.Payload> bad(ServerOptions options) {
        Tensor image = images.slice(0, 0, 1);
        int[] shape = image.shape().toArray();
        String good = new String(body("FP32", shape, image.toFloatArray()), StandardCharsets.UTF_8);
        int[] flat = {1, image.size()};
        byte[] huge = new byte[(int) options.maxBodyBytes() + 1];
        Arrays.fill(huge, (byte) ' ');
        return List.of(
                new LoadGenerator.Payload(PATH, good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8),
                        400, null),
                new LoadGenerator.Payload(PATH, body("FP32", flat, image.toFloatArray()), 400, null),
                new LoadGenerator.Payload(PATH, good.replace("\"data\":[", "\"data\":[\"NaN\",")
                        .getBytes(StandardCharsets.UTF_8), 400, null),
                new LoadGenerator.Payload("/v2/models/missing/infer", good.getBytes(StandardCharsets.UTF_8), 404, null),
                new LoadGenerator.Payload(PATH, body("INT32", shape, image.toFloatArray()), 400, null),
                new LoadGenerator.Payload(PATH, huge, 413, null));
    }

    private static byte[] body(String datatype, int[] shape, float[] data) {
        List<Float> values = new ArrayList<>(data.length);
        for (float value : data) {
            values.add(value);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "input");
        input.put("shape", Arrays.stream(shape).boxed().toList());
        input.put("datatype", datatype);
        input.put("data", values);
        return JsonWriter.write(Map.of("inputs", List.of(input))).getBytes(StandardCharsets.UTF_8);
    }

    private static float[] outputs(byte[] answer) {
        try {
            Map<?, ?> json = (Map<?, ?>) JsonReader.parseDocument(answer);
            List<?> data = (List<?>) ((Map<?, ?>) ((List<?>) json.get("outputs")).get(0)).get("data");
            float[] values = new float[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) data.get(i)).floatValue();
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The sum and count of the server's batch-size histogram, from {@code /metrics}. */
    private static double[] batchSums(InferenceServer server) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String text = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double[] sums = new double[2];
            for (String line : text.split("\n")) {
                if (line.startsWith("nabla_batch_size_sum")) {
                    sums[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("nabla_batch_size_count")) {
                    sums[1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sums;
        }
    }

    private static long heapAfterFullCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
