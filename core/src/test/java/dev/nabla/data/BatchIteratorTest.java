package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class BatchIteratorTest {

    /** Numbered examples whose batches run {@code beforeBatch} with the batch's call number (from 0) first. */
    private static Dataset watched(int size, IntConsumer beforeBatch) {
        TensorDataset data = TensorDatasetTest.numbered(size);
        AtomicInteger calls = new AtomicInteger();
        return new Dataset() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public Example get(int index) {
                return data.get(index);
            }

            @Override
            public Batch batch(int... indices) {
                beforeBatch.accept(calls.getAndIncrement());
                return data.batch(indices);
            }
        };
    }

    private static List<Thread> prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(Prefetcher.THREAD_NAME) && t.isAlive())
                .toList();
    }

    /** Waits (at most 10 s, collecting garbage if asked) for every prefetch thread to end. */
    private static void assertPrefetchThreadsEnd(boolean collectGarbage) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!prefetchThreads().isEmpty() && System.nanoTime() < deadline) {
            if (collectGarbage) {
                System.gc();
            }
            Thread.sleep(20);
        }
        assertEquals(List.of(), prefetchThreads(), "prefetch threads still alive");
    }

    @Test
    void batchesAreBuiltInThePrefetchThreadOrInTheCallersThread() throws InterruptedException {
        Set<String> builders = ConcurrentHashMap.newKeySet();
        Dataset data = watched(10, call -> builders.add(Thread.currentThread().getName()));

        new DataLoader(data, 3).forEach(batch -> { });
        assertEquals(Set.of(Prefetcher.THREAD_NAME), builders);

        builders.clear();
        new DataLoader(data, 3, null, false, 0).forEach(batch -> { });
        assertEquals(Set.of(Thread.currentThread().getName()), builders);
        assertPrefetchThreadsEnd(false);
    }

    @Test
    void thePrefetchThreadIsADaemon() {
        Dataset data = watched(10, call -> assertTrue(Thread.currentThread().isDaemon()));
        new DataLoader(data, 3).forEach(batch -> { });
    }

    @Test
    void theProducerRunsAtMostTheQueueAheadOfTheConsumer() throws InterruptedException {
        AtomicInteger built = new AtomicInteger();
        try (BatchIterator epoch = new DataLoader(watched(100, call -> built.incrementAndGet()), 1, null, false, 1)
                .iterator()) {
            Thread.sleep(300);
            // one batch in the queue and one waiting to enter it
            assertTrue(built.get() <= 2, "built " + built.get() + " batches ahead");
            epoch.next();
        }
        assertPrefetchThreadsEnd(false);
    }

    @Test
    void aFailureInTheProducerIsRethrownWithItsCause() throws InterruptedException {
        IllegalStateException broken = new IllegalStateException("disk on fire");
        Dataset data = watched(10, call -> {
            if (call == 2) {
                throw broken;
            }
        });
        BatchIterator epoch = new DataLoader(data, 2).iterator();
        epoch.next();
        epoch.next();

        var error = assertThrows(CompletionException.class, epoch::next);

        assertEquals("DataLoader: building batch 3 of 5 (batch size 2) failed: java.lang.IllegalStateException:"
                + " disk on fire", error.getMessage());
        assertSame(broken, error.getCause());
        assertFalse(epoch.hasNext());
        assertThrows(NoSuchElementException.class, epoch::next);
        assertPrefetchThreadsEnd(false);
    }

    @Test
    void aFailureInTheCallersThreadIsReportedTheSameWay() {
        Dataset data = watched(4, call -> {
            throw new IllegalStateException("no");
        });
        BatchIterator epoch = new DataLoader(data, 4, null, false, 0).iterator();

        var error = assertThrows(CompletionException.class, epoch::next);

        assertEquals("DataLoader: building batch 1 of 1 (batch size 4) failed: java.lang.IllegalStateException: no",
                error.getMessage());
    }

    @Test
    void closingAnEpochEarlyStopsItsThread() throws InterruptedException {
        try (BatchIterator epoch = new DataLoader(TensorDatasetTest.numbered(1000), 2).iterator()) {
            epoch.next();
        }
        assertPrefetchThreadsEnd(false);
    }

    @Test
    void closingStopsAProducerThatSwallowsInterrupts() throws InterruptedException {
        Dataset slow = watched(1000, call -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException ignored) {
                // a careless data set: the interrupt is lost, so the producer must notice the stop otherwise
            }
        });
        BatchIterator epoch = new DataLoader(slow, 1).iterator();
        epoch.next();
        epoch.close();

        assertFalse(epoch.hasNext());
        assertThrows(NoSuchElementException.class, epoch::next);
        assertPrefetchThreadsEnd(false);
    }

    @Test
    void anAbandonedEpochStopsItsThreadOnceCollected() throws InterruptedException {
        readOneBatchAndWalkAway();
        assertPrefetchThreadsEnd(true);
    }

    private static void readOneBatchAndWalkAway() {
        for (Batch batch : new DataLoader(TensorDatasetTest.numbered(1000), 2)) {
            assertEquals(2, batch.size());
            break;
        }
    }
}
