package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint and every class of bad input against the Open Inference Protocol (KServe v2
 * REST): status codes and the JSON shape of each answer. The server runs on 127.0.0.1 on a
 * free port for the whole class.
 */
class ProtocolTest {

    private static InferenceServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A status and the JSON of an answer. */
    record Reply(int status, Object json) {
        Map<?, ?> object() {
            return (Map<?, ?>) json;
        }

        String error() {
            return (String) object().get("error");
        }
    }

    @BeforeAll
    static void start() throws IOException {
        ServedModel.SampleReader textLength = (body, type) -> {
            if (!type.startsWith("text/plain")) {
                throw new IllegalArgumentException("this test model reads text/plain, got " + type);
            }
            float[] image = new float[144];
            Arrays.fill(image, new String(body, StandardCharsets.UTF_8).length() / 10f);
            return Tensor.of(image, TestModels.IMAGE);
        };
        server = InferenceServer.builder()
                .model(TestModels.served("cnn", 1).withSampleReader(textLength))
                .model(TestModels.served("cnn", 2).withVersion("2").withSampleReader(textLength))
                .model(TestModels.served("other", 3))
                .options(ServerOptions.DEFAULTS.withMaxBodyBytes(64 * 1024))
                .reloader(model -> TestModels.served(model.name(), 7).withVersion(model.version()))
                .port(0)
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthEndpointsAnswer200WithTheirFlags() throws Exception {
        assertEquals(new Reply(200, Map.of("live", true)), get("/v2/health/live"));
        assertEquals(new Reply(200, Map.of("ready", true)), get("/v2/health/ready"));
        assertEquals(new Reply(200, Map.of("name", "cnn", "ready", true)), get("/v2/models/cnn/ready"));
        assertEquals(200, get("/v2/models/cnn/versions/2/ready").status());
        assertEquals(404, get("/v2/models/nothing/ready").status());
    }

    @Test
    void serverMetadataNamesTheServerItsVersionAndExtensions() throws Exception {
        Reply reply = get("/v2");
        assertEquals(200, reply.status());
        assertEquals("nabla", reply.object().get("name"));
        assertTrue(reply.object().get("version") instanceof String);
        assertEquals(List.of("binary_tensor_data", "model_repository"), reply.object().get("extensions"));
    }

    @Test
    void modelMetadataListsVersionsInputsAndOutputsWithDatatypesAndShapes() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "cnn");
        expected.put("versions", List.of("1", "2"));
        expected.put("platform", "nabla");
        expected.put("inputs", List.of(Map.of("name", "input", "datatype", "FP32", "shape", List.of(-1L, 1L, 12L, 12L))));
        expected.put("outputs", List.of(Map.of("name", "output", "datatype", "FP32", "shape", List.of(-1L, 5L))));
        assertEquals(new Reply(200, expected), get("/v2/models/cnn"));
        assertEquals(new Reply(200, expected), get("/v2/models/cnn/versions/1"));
        assertEquals(404, get("/v2/models/cnn/versions/9").status());
    }

    @Test
    void inferenceAnswersEachVersionWithItsOwnModelsOutputs() throws Exception {
        float[] image = TestModels.image(5);
        for (String version : List.of("1", "2")) {
            Reply reply = post("/v2/models/cnn/versions/" + version + "/infer", request("r-" + version, image, 1, 1, 12, 12));
            assertEquals(200, reply.status(), String.valueOf(reply.json()));
            Map<?, ?> answer = reply.object();
            assertEquals("cnn", answer.get("model_name"));
            assertEquals(version, answer.get("model_version"));
            assertEquals("r-" + version, answer.get("id"));
            Map<?, ?> output = (Map<?, ?>) ((List<?>) answer.get("outputs")).get(0);
            assertEquals("output", output.get("name"));
            assertEquals("FP32", output.get("datatype"));
            assertEquals(List.of(1L, 5L), output.get("shape"));
            float[] expected = TestModels.predict(TestModels.cnn(Long.parseLong(version)), image);
            assertEquals(floats(expected), output.get("data"));
        }
    }

    @Test
    void aBatchAndNestedDataAreAccepted() throws Exception {
        float[] two = new float[288];
        System.arraycopy(TestModels.image(1), 0, two, 0, 144);
        System.arraycopy(TestModels.image(2), 0, two, 144, 144);
        Reply flat = post("/v2/models/other/infer", request(null, two, 2, 1, 12, 12));
        assertEquals(200, flat.status());
        Map<?, ?> output = (Map<?, ?>) ((List<?>) flat.object().get("outputs")).get(0);
        assertEquals(List.of(2L, 5L), output.get("shape"));
        String nested = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,12,12],\"datatype\":\"FP32\",\"data\":"
                + JsonWriter.write(List.of(List.of(rows(TestModels.image(1))))) + "}]}";
        Reply reply = post("/v2/models/other/infer", nested);
        assertEquals(200, reply.status(), String.valueOf(reply.json()));
        assertEquals(((List<?>) output.get("data")).subList(0, 5),
                ((Map<?, ?>) ((List<?>) reply.object().get("outputs")).get(0)).get("data"));
    }

    @Test
    void everyClassOfBadInputIsA4xxWithAnErrorSayingWhatAndWhere() throws Exception {
        float[] image = TestModels.image(1);
        String good = request(null, image, 1, 1, 12, 12);
        expectError(404, "no model named 'missing'", post("/v2/models/missing/infer", good));
        expectError(404, "has no version '7'", post("/v2/models/cnn/versions/7/infer", good));
        expectError(400, "malformed JSON", post("/v2/models/cnn/infer", "{\"inputs\": [ {\"name\": "));
        expectError(400, "malformed JSON", post("/v2/models/cnn/infer", good.replace("\"data\":[", "\"data\":[NaN,")));
        expectError(400, "JSON object", post("/v2/models/cnn/infer", "[1, 2]"));
        expectError(400, "\"inputs\" must be a list of one tensor", post("/v2/models/cnn/infer", "{}"));
        expectError(400, "inputs[0].name must be 'input'", post("/v2/models/cnn/infer", good.replace("\"input\"", "\"x\"")));
        expectError(400, "datatype is INT32; the model takes FP32",
                post("/v2/models/cnn/infer", good.replace("FP32", "INT32")));
        expectError(400, "'FLOAT' is not a KServe v2 datatype",
                post("/v2/models/cnn/infer", good.replace("FP32", "FLOAT")));
        expectError(400, "shape is [1, 12, 12]; model 'cnn' takes [batch, 1, 12, 12]",
                post("/v2/models/cnn/infer", request(null, image, 1, 12, 12)));
        expectError(400, "shape is [0, 1, 12, 12]", post("/v2/models/cnn/infer", request(null, new float[0], 0, 1, 12, 12)));
        expectError(400, "data holds 143 values; the shape [1, 1, 12, 12] needs 144",
                post("/v2/models/cnn/infer", request(null, Arrays.copyOf(image, 143), 1, 1, 12, 12)));
        expectError(400, "data[3] is nothing (null or missing), not a number",
                post("/v2/models/cnn/infer", good.replace("\"data\":[", "\"data\":[0,0,0,null,")));
        expectError(400, "data[0] is the string \"NaN\", not a number",
                post("/v2/models/cnn/infer", good.replace("\"data\":[", "\"data\":[\"NaN\",")));
        expectError(400, "data[0] is outside FP32's finite range",
                post("/v2/models/cnn/infer", good.replace("\"data\":[", "\"data\":[1e300,")));
        expectError(400, "must be a list of numbers", post("/v2/models/cnn/infer", good.replace(
                "\"data\":[", "\"nodata\":[")));
        expectError(413, "takes at most 65536", post("/v2/models/cnn/infer", " ".repeat(70_000)));
        expectError(405, "use POST", get("/v2/models/cnn/infer"));
        expectError(404, "no endpoint GET /v3", get("/v3"));
        // None of these disturbed the server: a valid request still gets its answer.
        assertEquals(200, post("/v2/models/cnn/infer", good).status());
    }

    @Test
    void thePredictEndpointAnswersClassNamesAndProbabilitiesForAText() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/models/cnn:predict?top=2"))
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build();
        Reply reply = reply(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        assertEquals(200, reply.status(), String.valueOf(reply.json()));
        List<?> predictions = (List<?>) reply.object().get("predictions");
        assertEquals(2, predictions.size());
        Map<?, ?> best = (Map<?, ?>) predictions.get(0);
        assertTrue(List.of("a", "b", "c", "d", "e").contains(best.get("name")));
        double probability = ((Number) best.get("probability")).doubleValue();
        assertTrue(probability > 0 && probability <= 1, "probability " + probability);
        expectError(400, "reads no image or text", post("/v1/models/other:predict", "hello"));
        expectError(400, "could not read the body", post("/v1/models/cnn:predict", "{}"));
    }

    @Test
    void metricsCountRequestsByStatusAndHistogramLatenciesAndBatchSizes() throws Exception {
        post("/v2/models/other/infer", request(null, TestModels.image(1), 1, 1, 12, 12));
        post("/v2/models/nothing/infer", "{}");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = response.body();
        for (String expected : List.of("nabla_requests_total{endpoint=\"infer\",status=\"200\"} ",
                "nabla_requests_total{endpoint=\"infer\",status=\"404\"} ",
                "nabla_request_duration_seconds_bucket{endpoint=\"infer\",le=\"+Inf\"} ",
                "nabla_batch_size_bucket{model=\"other\",version=\"1\",le=\"1\"} ",
                "nabla_queue_length{model=\"cnn\",version=\"2\"} 0", "# TYPE nabla_batch_size histogram")) {
            assertTrue(text.contains(expected), "no '" + expected + "' in\n" + text);
        }
    }

    @Test
    void reloadingAModelThroughTheRepositoryEndpointServesTheNewWeights() throws Exception {
        Reply reply = post("/v2/repository/models/other/load", "");
        assertEquals(200, reply.status(), String.valueOf(reply.json()));
        float[] image = TestModels.image(9);
        Reply answer = post("/v2/models/other/infer", request(null, image, 1, 1, 12, 12));
        assertEquals(floats(TestModels.predict(TestModels.cnn(7), image)),
                ((Map<?, ?>) ((List<?>) answer.object().get("outputs")).get(0)).get("data"));
        expectError(404, "no model named 'nothing'", post("/v2/repository/models/nothing/load", ""));
    }

    @Test
    void aLoneRequestOverHttpDoesNotWaitForTheBatchingDelay() throws Exception {
        try (InferenceServer patient = InferenceServer.builder().model(TestModels.served("cnn", 1))
                .options(ServerOptions.DEFAULTS.withMaxBatch(64).withMaxDelayMillis(5_000)).port(0).start()) {
            InferenceClient client = new InferenceClient(URI.create(patient.url()));
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                client.infer("cnn", TestModels.image(i), 1, 1, 12, 12);
                double millis = (System.nanoTime() - start) / 1e6;
                assertTrue(millis < 2_500, "request " + i + " alone waited " + millis
                        + " ms, as if for the 5 s batching delay");
            }
        }
    }

    @Test
    void theJavaClientReadsMetadataAndInfers() throws Exception {
        InferenceClient client = new InferenceClient(URI.create(server.url()));
        assertTrue(client.isReady());
        assertEquals("other", client.metadata("other").get("name"));
        float[] image = TestModels.image(4);
        float[] outputs = client.infer("cnn/versions/2", image, 1, 1, 12, 12);
        assertEquals(floats(TestModels.predict(TestModels.cnn(2), image)), floats(outputs));
        ServingException missing = org.junit.jupiter.api.Assertions.assertThrows(ServingException.class,
                () -> client.infer("missing", image, 1, 1, 12, 12));
        assertEquals(404, missing.status());
    }

    private static void expectError(int status, String fragment, Reply reply) {
        assertEquals(status, reply.status(), String.valueOf(reply.json()));
        assertEquals(1, reply.object().size(), "an error answer is {\"error\": ...} alone: " + reply.json());
        assertTrue(reply.error().contains(fragment), "'" + reply.error() + "' does not say '" + fragment + "'");
    }

    static String request(String id, float[] data, int... shape) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "input");
        input.put("shape", Arrays.stream(shape).boxed().toList());
        input.put("datatype", "FP32");
        input.put("data", floats(data));
        Map<String, Object> request = new LinkedHashMap<>();
        if (id != null) {
            request.put("id", id);
        }
        request.put("inputs", List.of(input));
        return JsonWriter.write(request);
    }

    /** The values as JSON reads them back (doubles of the floats' shortest digits). */
    static List<Object> floats(float[] values) {
        List<Object> list = new ArrayList<>();
        for (float value : values) {
            list.add(Double.parseDouble(Float.toString(value)));
        }
        return list;
    }

    private static List<List<Float>> rows(float[] image) {
        List<List<Float>> rows = new ArrayList<>();
        for (int y = 0; y < 12; y++) {
            List<Float> row = new ArrayList<>();
            for (int x = 0; x < 12; x++) {
                row.add(image[y * 12 + x]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Reply get(String path) throws Exception {
        return reply(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Reply post(String path, String body) throws Exception {
        return reply(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Reply reply(HttpResponse<byte[]> response) throws IOException {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return new Reply(response.statusCode(), JsonReader.parseDocument(response.body()));
    }
}
