package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatcherTest {

    @Test
    void concurrentRequestsAreRunAsOneBatchAndEachGetsExactlyWhatPredictGives() throws Exception {
        ServedModel model = TestModels.served("cnn", 1);
        Metrics metrics = new Metrics();
        Batcher batcher = new Batcher(model, ServerOptions.DEFAULTS.withMaxBatch(16).withMaxDelayMillis(50), metrics);
        int requests = 40;
        List<CompletableFuture<float[]>> answers = new ArrayList<>();
        // Requests announced as arriving make the worker wait for them, so they gather into batches.
        batcher.arriving().addAndGet(requests);
        for (int i = 0; i < requests; i++) {
            batcher.arrived();
            answers.add(batcher.submit(TestModels.image(i), 1));
        }
        for (int i = 0; i < requests; i++) {
            assertArrayEquals(TestModels.predict(model.network(), TestModels.image(i)), answers.get(i).get(),
                    "request " + i);
        }
        String text = metrics.write(java.util.Map.of());
        assertTrue(text.contains("nabla_batch_size_bucket{model=\"cnn\",version=\"1\",le=\"16\"} 3"), text);
        batcher.close();
    }

    @Test
    void aRowOfABatchOfAnySizeIsBitForBitWhatPredictGivesForItsSampleAlone() throws Exception {
        ServedModel model = ServedModel.of("wide", TestModels.wideCnn(3), TestModels.IMAGE);
        for (int size : new int[] {13, 16, 40, 64}) {
            Batcher batcher = new Batcher(model, ServerOptions.DEFAULTS.withMaxBatch(size).withMaxDelayMillis(10_000),
                    new Metrics());
            List<CompletableFuture<float[]>> answers = new ArrayList<>();
            batcher.arriving().addAndGet(size);
            for (int i = 0; i < size; i++) {
                batcher.arrived();
                answers.add(batcher.submit(TestModels.image(100 + i), 1));
            }
            for (int i = 0; i < size; i++) {
                // assertArrayEquals on floats: equal values, no tolerance.
                assertArrayEquals(TestModels.predict(model.network(), TestModels.image(100 + i)), answers.get(i).get(),
                        "request " + i + " in a batch of up to " + size);
            }
            batcher.close();
        }
    }

    @Test
    void aLoneRequestOnAnIdleServerRunsAtOnce() throws Exception {
        Batcher batcher = new Batcher(TestModels.served("cnn", 1), ServerOptions.DEFAULTS.withMaxDelayMillis(5_000),
                new Metrics());
        batcher.submit(TestModels.image(0), 1).get();   // warm-up
        long start = System.nanoTime();
        batcher.submit(TestModels.image(1), 1).get();
        double millis = (System.nanoTime() - start) / 1e6;
        assertTrue(millis < 2_500, "a lone request waited " + millis + " ms, as if for the 5 s batching delay");
        batcher.close();
    }

    @Test
    void aFullQueueIsRefusedWith503AndClosingFinishesEveryQueuedRequest() throws Exception {
        Batcher batcher = new Batcher(TestModels.served("cnn", 1),
                ServerOptions.DEFAULTS.withMaxQueue(4).withMaxBatch(1), new Metrics());
        // Requests of 4 samples each, submitted far faster than one worker runs them.
        List<CompletableFuture<float[]>> accepted = new ArrayList<>();
        ServingException refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            try {
                accepted.add(batcher.submit(new float[144 * 4], 4));
            } catch (ServingException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "the queue of 4 samples never filled");
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage().contains("at most 4"), refused.getMessage());
        batcher.close();
        for (CompletableFuture<float[]> answer : accepted) {
            assertEquals(20, answer.get().length);
        }
        ServingException closed = assertThrows(ServingException.class, () -> batcher.submit(new float[144], 1));
        assertEquals(503, closed.status());
    }

    @Test
    void aReloadedModelAnswersLaterRequestsAndAModelOfOtherShapesIsRefused() throws Exception {
        Batcher batcher = new Batcher(TestModels.served("cnn", 1), ServerOptions.DEFAULTS, new Metrics());
        ServedModel replacement = TestModels.served("cnn", 2);
        batcher.reload(replacement);
        assertArrayEquals(TestModels.predict(replacement.network(), TestModels.image(3)),
                batcher.submit(TestModels.image(3), 1).get());
        ServedModel other = ServedModel.of("cnn", TestModels.cnn(1), 1, 14, 14);
        assertThrows(IllegalArgumentException.class, () -> batcher.reload(other));
        batcher.close();
    }
}
