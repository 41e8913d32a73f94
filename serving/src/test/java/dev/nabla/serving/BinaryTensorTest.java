package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.JsonReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary tensor data extension of KServe v2: FP32 inputs as little-endian bytes after the
 * JSON (its length in {@code Inference-Header-Content-Length}), binary outputs on request, and
 * each way of getting it wrong answered 400 with what and where. The server runs on Jetty
 * ({@link HttpEngine#JETTY}; {@link ProtocolTest} covers every endpoint on the JDK's server), with
 * the basic statuses checked here on it too.
 */
class BinaryTensorTest {

    private static InferenceServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATH = "/v2/models/cnn/infer";

    /** An answer: status, headers' JSON length, body. */
    record Reply(int status, String contentType, long jsonLength, byte[] body) {
        Map<?, ?> json() throws Exception {
            return (Map<?, ?>) JsonReader.parseDocument(jsonLength < 0 ? body : Arrays.copyOf(body, (int) jsonLength));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = InferenceServer.builder().model(TestModels.served("cnn", 1)).http(HttpEngine.JETTY)
                .options(ServerOptions.DEFAULTS.withMaxBodyBytes(4096)).port(0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void binaryInputAndBinaryOutputGiveExactlyWhatPredictGives() throws Exception {
        float[] images = concat(TestModels.image(1), TestModels.image(2));
        String json = header(2, 2 * 144 * 4, ", \"outputs\": [{\"name\": \"output\", \"parameters\": {\"binary_data\": true}}]");
        Reply reply = post(json, little(images), true);
        assertEquals(200, reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("application/octet-stream", reply.contentType());
        Map<?, ?> output = (Map<?, ?>) ((List<?>) reply.json().get("outputs")).get(0);
        assertEquals(List.of(2L, 5L), output.get("shape"));
        assertEquals(Map.of("binary_data_size", 40L), output.get("parameters"));
        assertTrue(!output.containsKey("data"), output.toString());
        float[] scores = floats(Arrays.copyOfRange(reply.body(), (int) reply.jsonLength(), reply.body().length));
        float[] expected = concat(TestModels.predict(server0(), TestModels.image(1)),
                TestModels.predict(server0(), TestModels.image(2)));
        assertArrayEquals(expected, scores);
    }

    @Test
    void binaryInputWithAJsonAnswerAndAJsonInputWithABinaryAnswer() throws Exception {
        float[] image = TestModels.image(3);
        float[] expected = TestModels.predict(server0(), image);
        Reply jsonAnswer = post(header(1, 144 * 4, ""), little(image), true);
        assertEquals(200, jsonAnswer.status());
        assertEquals(-1, jsonAnswer.jsonLength());
        List<?> data = (List<?>) ((Map<?, ?>) ((List<?>) jsonAnswer.json().get("outputs")).get(0)).get("data");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((Number) data.get(i)).floatValue());
        }
        StringBuilder values = new StringBuilder();
        for (float v : image) {
            values.append(values.isEmpty() ? "" : ",").append(v);
        }
        String jsonInput = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 1, 12, 12], \"datatype\": \"FP32\", \"data\": ["
                + values + "]}], \"parameters\": {\"binary_data_output\": true}}";
        Reply binaryAnswer = post(jsonInput, new byte[0], false);
        assertEquals(200, binaryAnswer.status());
        assertArrayEquals(expected, floats(Arrays.copyOfRange(binaryAnswer.body(), (int) binaryAnswer.jsonLength(),
                binaryAnswer.body().length)));
    }

    @Test
    void theClientSpeaksBinaryBothWays() throws Exception {
        InferenceClient client = new InferenceClient(URI.create(server.url()));
        float[] image = TestModels.image(5);
        assertArrayEquals(TestModels.predict(server0(), image), client.inferBinary("cnn", image, 1, 1, 12, 12));
        assertArrayEquals(client.infer("cnn", image, 1, 1, 12, 12), client.inferBinary("cnn", image, 1, 1, 12, 12));
        ServingException wrong = org.junit.jupiter.api.Assertions.assertThrows(ServingException.class,
                () -> client.inferBinary("cnn", image, 1, 1, 12, 11));
        assertEquals(400, wrong.status());
    }

    @Test
    void onJettyTheStatusesAndHeadersAreThoseOfTheProtocol() throws Exception {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        assertEquals("{\"ready\":true}", ready.body());
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/models/none"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("no model named 'none'"), missing.body());
        HttpResponse<String> method = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, method.statusCode());
        Reply tooLarge = send(new byte[5000], null);
        assertEquals(413, tooLarge.status());
        assertTrue(((String) tooLarge.json().get("error")).contains("takes at most 4096"));
        assertTrue(server.answered(413) >= 1);
    }

    @Test
    void eachMistakeIs400SayingWhatAndWhere() throws Exception {
        byte[] image = little(TestModels.image(4));
        assertError(post(header(1, 144 * 4, ""), image, false), "needs the header Inference-Header-Content-Length");
        assertError(post(header(1, 100, ""), image, true), "binary_data_size is 100; the shape [1, 1, 12, 12] in FP32 needs 576 bytes");
        assertError(post(header(1, 144 * 4, ""), Arrays.copyOf(image, 500), true), "the body holds 500 bytes after its JSON header; inputs[0] declares 576");
        byte[] nan = image.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        assertError(post(header(1, 144 * 4, ""), nan, true), "binary data element 2 is NaN");
        String withData = header(1, 144 * 4, "").replace("\"datatype\"", "\"data\": [1], \"datatype\"");
        assertError(post(withData, image, true), "has both \"data\" and binary data");
        Reply beyond = send(header(1, 576, "").getBytes(StandardCharsets.UTF_8), "100000");
        assertError(beyond, "Inference-Header-Content-Length is 100000 but the body holds only");
        assertError(send(header(1, 576, "").getBytes(StandardCharsets.UTF_8), "ten"), "must be a number of bytes, got 'ten'");
        String noBinaryInput = header(1, 576, "").replace(", \"parameters\": {\"binary_data_size\": 576}", "");
        assertError(post(noBinaryInput, image, true), "no input has \"parameters\": {\"binary_data_size\"");
    }

    private static void assertError(Reply reply, String part) throws Exception {
        assertEquals(400, reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
        String error = (String) reply.json().get("error");
        assertTrue(error.contains(part), error);
    }

    private static dev.nabla.nn.Layer server0() {
        return TestModels.cnn(1);
    }

    /** A request's JSON for {@code samples} 12x12 images sent as {@code bytes} bytes of binary data. */
    private static String header(int samples, int bytes, String more) {
        return "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + samples + ", 1, 12, 12], \"datatype\": \"FP32\","
                + " \"parameters\": {\"binary_data_size\": " + bytes + "}}]" + more + "}";
    }

    private static Reply post(String json, byte[] binary, boolean withHeader) throws Exception {
        byte[] head = json.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + binary.length);
        System.arraycopy(binary, 0, body, head.length, binary.length);
        return send(body, withHeader ? Integer.toString(head.length) : null);
    }

    private static Reply send(byte[] body, String headerLength) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + PATH))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerLength != null) {
            request.header("Inference-Header-Content-Length", headerLength);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Inference-Header-Content-Length").map(Long::parseLong).orElse(-1L),
                response.body());
    }

    private static byte[] little(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
