package dev.nabla.data;

import dev.nabla.tensor.NoGrad;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that builds an epoch's batches ahead of the consumer, into a bounded
 * queue. A failure travels through the queue and is rethrown by {@link #take}; {@link #stop}
 * ends the thread promptly whatever it is doing.
 */
final class Prefetcher implements Runnable {

    /** The name of every prefetch thread. */
    static final String THREAD_NAME = "nabla-prefetch";

    /** How often a producer blocked on a full queue checks whether it was stopped. */
    private static final long POLL_MILLISECONDS = 50;

    private record Failure(Throwable cause) {
    }

    private final BatchPlan plan;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopped;

    private Prefetcher(BatchPlan plan, int depth) {
        this.plan = plan;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this);
    }

    /** A started producer of {@code plan}'s batches, at most {@code depth} of them waiting. */
    static Prefetcher start(BatchPlan plan, int depth) {
        Prefetcher prefetcher = new Prefetcher(plan, depth);
        prefetcher.thread.start();
        return prefetcher;
    }

    @Override
    public void run() {
        try (NoGrad ignored = NoGrad.enter()) {
            for (int number = 0; number < plan.count() && !stopped; number++) {
                Object item;
                try {
                    item = plan.build(number);
                } catch (Throwable failure) { // any failure must reach the consumer, or it would wait forever
                    item = new Failure(failure);
                }
                // Polls rather than blocks, so a stop is seen even if the data set swallowed the interrupt.
                while (!queue.offer(item, POLL_MILLISECONDS, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
                if (item instanceof Failure) {
                    return;
                }
            }
        } catch (InterruptedException stoppedWhileWaiting) {
            // stop() interrupted the wait: the consumer wants no more batches.
        }
    }

    /** Batch {@code number}, waiting for the producer if it is not ready; rethrows the producer's failure. */
    Batch take(int number) {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("DataLoader: interrupted while waiting for batch " + (number + 1)
                    + " of " + plan.count(), interrupted);
        }
        if (item instanceof Failure failure) {
            throw plan.failure(number, failure.cause());
        }
        return (Batch) item;
    }

    /** Ends the producer thread soon and drops the batches it prepared. */
    void stop() {
        stopped = true;
        thread.interrupt();
        queue.clear();
    }
}
