package dev.nabla.serving;

import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client for any server speaking the Open Inference Protocol over REST (this one,
 * Triton, MLServer, KServe), on the JDK's {@link HttpClient}.
 *
 * <pre>{@code
 * InferenceClient client = new InferenceClient(URI.create("http://127.0.0.1:8080"));
 * float[] scores = client.infer("fashion", image, 1, 1, 28, 28);   // [1, 10] flattened
 * }</pre>
 *
 * A server's error answer becomes a {@link ServingException} with its status and message.
 */
public final class InferenceClient {

    private final URI base;
    private final HttpClient http;

    public InferenceClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Whether {@code /v2/health/ready} answers 200. */
    public boolean isReady() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/v2/health/ready")).GET().build()).statusCode() == 200;
    }

    /** A model's metadata ({@code GET /v2/models/NAME}): name, versions, platform, inputs, outputs. */
    public Map<?, ?> metadata(String model) throws IOException, InterruptedException {
        return (Map<?, ?>) answer(send(HttpRequest.newBuilder(base.resolve("/v2/models/" + model)).GET().build()));
    }

    /**
     * The model's output for {@code data}, a tensor of {@code shape} ({@code [batch, ...sample]})
     * flattened row by row: the output tensor flattened the same way.
     */
    public float[] infer(String model, float[] data, int... shape) throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", InferenceRequest.INPUT);
        input.put("shape", java.util.Arrays.stream(shape).boxed().toList());
        input.put("datatype", "FP32");
        List<Float> values = new ArrayList<>(data.length);
        for (float value : data) {
            values.add(value);
        }
        input.put("data", values);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.write(Map.of("inputs", List.of(input)))))
                .build();
        Map<?, ?> answer = (Map<?, ?>) answer(send(request));
        List<?> outputs = (List<?>) ((Map<?, ?>) ((List<?>) answer.get("outputs")).get(0)).get("data");
        float[] result = new float[outputs.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) outputs.get(i)).floatValue();
        }
        return result;
    }

    /**
     * {@link #infer} with the binary tensor data extension both ways: the input goes as
     * little-endian FP32 bytes after the JSON, the output comes back so (no decimal text to write
     * or parse, and every float exact).
     */
    public float[] inferBinary(String model, float[] data, int... shape) throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", InferenceRequest.INPUT);
        input.put("shape", java.util.Arrays.stream(shape).boxed().toList());
        input.put("datatype", "FP32");
        input.put("parameters", Map.of("binary_data_size", data.length * Float.BYTES));
        byte[] json = JsonWriter.write(Map.of("inputs", List.of(input), "parameters", Map.of("binary_data_output", true)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/octet-stream")
                .header(BinaryTensors.HEADER, Integer.toString(json.length))
                .POST(HttpRequest.BodyPublishers.ofByteArray(BinaryTensors.append(json, data)))
                .build();
        HttpResponse<byte[]> response = send(request);
        long jsonLength = response.headers().firstValueAsLong(BinaryTensors.HEADER).orElse(-1);
        if (response.statusCode() != 200 || jsonLength < 0) {
            answer(response);
            throw new ServingException(502, "the server answered without binary data (" + BinaryTensors.HEADER + ")");
        }
        byte[] body = response.body();
        return BinaryTensors.floats(body, (int) jsonLength, (body.length - (int) jsonLength) / Float.BYTES);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Object answer(HttpResponse<byte[]> response) throws IOException {
        Object json = JsonReader.parseDocument(response.body());
        if (response.statusCode() != 200) {
            Object error = json instanceof Map<?, ?> map ? map.get("error") : json;
            throw new ServingException(response.statusCode(), String.valueOf(error));
        }
        return json;
    }
}
