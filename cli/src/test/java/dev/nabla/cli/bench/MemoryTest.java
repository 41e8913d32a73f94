package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MemoryTest {

    private static volatile Object sink;

    @Test
    void countsWhatAThreadStartedSinceAllocates() throws InterruptedException {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            sink = new byte[8 << 20];
            allocated.countDown();
            awaitQuietly(measured);
        });
        Map<Long, Long> before = Memory.allocatedByThread();
        worker.start();
        allocated.await();

        long bytes = Memory.allocatedSince(before);
        measured.countDown();
        worker.join();

        assertTrue(bytes >= 8 << 20, String.valueOf(bytes));
    }

    @Test
    void countsTheCallersAllocations() {
        Map<Long, Long> before = Memory.allocatedByThread();
        sink = new byte[16 << 20];

        assertTrue(Memory.allocatedSince(before) >= 16 << 20);
    }

    @Test
    void peakResidentMemoryIsReadOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(Memory.peakResidentBytes().orElse(0) > 1 << 20);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
