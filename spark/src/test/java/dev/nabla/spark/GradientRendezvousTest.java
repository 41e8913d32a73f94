package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class GradientRendezvousTest {

    @Test
    void everyReplicaGetsTheMeanOnceAllHaveHandedIn() throws Exception {
        GradientRendezvous rendezvous = new GradientRendezvous(2);
        for (int step = 0; step < 3; step++) {
            float offset = step;
            CompletableFuture<float[]> second = CompletableFuture.supplyAsync(() -> contribute(rendezvous, 0, 1,
                    new float[] {3 + offset, 4}));
            float[] first = rendezvous.contribute(0, 0, new float[] {1 + offset, 2});
            assertArrayEquals(new float[] {2 + offset, 3}, first);
            assertArrayEquals(first, second.get());
        }
    }

    @Test
    void aTaskLostMidEpochFailsItsPartnerAndANewAttemptStartsAfresh() throws Exception {
        GradientRendezvous rendezvous = new GradientRendezvous(2);
        CompletableFuture<float[]> waiting = CompletableFuture.supplyAsync(() -> contribute(rendezvous, 0, 0,
                new float[] {1}));
        Thread.sleep(100);
        rendezvous.abandon(0);
        ExecutionException error = assertThrows(ExecutionException.class, waiting::get);
        assertTrue(error.getCause().getMessage().contains("Spark retries the stage"), error.getCause().getMessage());

        CompletableFuture<float[]> retried = CompletableFuture.supplyAsync(() -> contribute(rendezvous, 1, 1,
                new float[] {5}));
        assertArrayEquals(new float[] {3}, rendezvous.contribute(1, 0, new float[] {1}));
        assertArrayEquals(new float[] {3}, retried.get());
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> rendezvous.contribute(0, 0, new float[] {1}));
        assertTrue(stale.getMessage().contains("attempt 0"), stale.getMessage());
    }

    private static float[] contribute(GradientRendezvous rendezvous, int attempt, int partition, float[] gradient) {
        try {
            return rendezvous.contribute(attempt, partition, gradient);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
