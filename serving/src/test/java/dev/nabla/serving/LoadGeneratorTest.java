package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    @Test
    void aMixedLoadGetsEveryExpectedStatusAndEveryValidAnswerEqualsPredict() throws Exception {
        InferenceServer server = InferenceServer.builder().model(TestModels.served("cnn", 1))
                .options(ServerOptions.DEFAULTS.withMaxBodyBytes(4096)).port(0).start();
        try (server) {
            List<LoadGenerator.Payload> payloads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                float[] expected = TestModels.predict(TestModels.cnn(1), TestModels.image(i));
                payloads.add(new LoadGenerator.Payload("/v2/models/cnn/infer", ProtocolTest.request(null,
                        TestModels.image(i), 1, 1, 12, 12).getBytes(StandardCharsets.UTF_8), 200,
                        answer -> java.util.Arrays.equals(expected, outputs(answer))));
            }
            payloads.add(new LoadGenerator.Payload("/v2/models/cnn/infer", "{".getBytes(StandardCharsets.UTF_8), 400, null));
            payloads.add(new LoadGenerator.Payload("/v2/models/none/infer", "{}".getBytes(StandardCharsets.UTF_8), 404, null));
            // An oversized body is answered 413 unread, with "Connection: close"; the generator reconnects.
            payloads.add(new LoadGenerator.Payload("/v2/models/cnn/infer", new byte[5000], 413, null));
            LoadGenerator.Result result = LoadGenerator.run("127.0.0.1", server.port(), payloads, 8, 2_200, 60);
            assertEquals(2_200, result.requests());
            assertEquals(0, result.mismatches(), result.firstMismatch());
            assertEquals(Map.of(200, 1_600L, 400, 200L, 404, 200L, 413, 200L), result.statuses());
            assertTrue(result.percentileMillis(0.5) <= result.percentileMillis(0.99));
        }   // close() waits for the handlers, which count an answer after sending it
        assertEquals(1_600, server.answered(200));
    }

    @Test
    void gracefulShutdownUnderLoadAnswersEveryAcceptedRequest() throws Exception {
        InferenceServer server = InferenceServer.builder().model(TestModels.served("cnn", 1)).port(0).start();
        byte[] body = ProtocolTest.request(null, TestModels.image(1), 1, 1, 12, 12).getBytes(StandardCharsets.UTF_8);
        AtomicReference<LoadGenerator.Result> result = new AtomicReference<>();
        Thread load = Thread.ofPlatform().start(() -> {
            try {
                result.set(LoadGenerator.run("127.0.0.1", server.port(),
                        List.of(new LoadGenerator.Payload("/v2/models/cnn/infer", body, 200, null)), 16, 1_000_000, 600));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (server.answered(200) < 50) {
            Thread.sleep(10);
        }
        server.close();
        load.join();
        Map<Integer, Long> statuses = result.get().statuses();
        // Every request the server began before close() was answered 200, and each answer reached
        // its client; the server refused the later ones (503, "shutting down"), and the rest found
        // the port closed (-1) and were never accepted. A connection stops when it can no longer
        // connect, so the load ends soon after the server.
        assertEquals(server.answered(200), statuses.getOrDefault(200, 0L));
        assertEquals(server.accepted(), server.answered(200) + server.answered(503));
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503 || s == -1), statuses.toString());
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
