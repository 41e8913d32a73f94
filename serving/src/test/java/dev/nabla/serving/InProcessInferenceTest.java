package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link InferenceServer#infer}: calls from the application's own threads join the same batches
 * as HTTP requests, answer what {@code predict} gives, and are refused with the statuses the
 * endpoint would answer.
 */
class InProcessInferenceTest {

    @Test
    void concurrentCallsAreBatchedAndEachGetsWhatPredictGives() throws Exception {
        ServedModel model = TestModels.served("cnn", 1);
        try (InferenceServer server = InferenceServer.builder().model(model)
                .options(ServerOptions.DEFAULTS.withMaxBatch(8)).port(0).start();
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<float[]>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                float[] image = TestModels.image(i);
                answers.add(callers.submit(() -> server.infer("cnn", image, 1)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertArrayEquals(TestModels.predict(model.network(), TestModels.image(i)), answers.get(i).get(),
                        "call " + i);
            }
            // Two samples in one call: two rows, each its own image's.
            float[] two = new float[2 * 144];
            System.arraycopy(TestModels.image(1), 0, two, 0, 144);
            System.arraycopy(TestModels.image(2), 0, two, 144, 144);
            float[] rows = server.infer("cnn", two, 2);
            assertArrayEquals(TestModels.predict(model.network(), TestModels.image(2)), Arrays.copyOfRange(rows, 5, 10));
            String metrics;
            try (HttpClient http = HttpClient.newHttpClient()) {
                metrics = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(metrics.contains("nabla_requests_total{endpoint=\"in_process\",status=\"200\"} 41"), metrics);
        }
    }

    @Test
    void badCallsAreRefusedAsTheEndpointWouldAnswerThem() throws Exception {
        InferenceServer server = InferenceServer.builder().model(TestModels.served("cnn", 1)).port(0).start();
        try (server) {
            ServingException unknown = assertThrows(ServingException.class,
                    () -> server.infer("missing", TestModels.image(0), 1));
            assertEquals(404, unknown.status());
            assertEquals("no model named 'missing'; this server serves [cnn]", unknown.getMessage());
            ServingException length = assertThrows(ServingException.class,
                    () -> server.infer("cnn", new float[100], 1));
            assertEquals(400, length.status());
            assertEquals("model 'cnn' takes samples of 144 values: 100 values are not 1 sample(s)", length.getMessage());
            float[] image = TestModels.image(0);
            image[7] = Float.NaN;
            ServingException nan = assertThrows(ServingException.class, () -> server.infer("cnn", image, 1));
            assertEquals(400, nan.status());
            assertEquals("data[7] is NaN, not a finite FP32 value", nan.getMessage());
        }
        ServingException closed = assertThrows(ServingException.class,
                () -> server.infer("cnn", TestModels.image(0), 1));
        assertEquals(503, closed.status());
    }
}
