package dev.nabla.data;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One epoch of a {@link DataLoader}: its batches in order. With prefetching, a daemon
 * thread named {@code nabla-prefetch} builds the next batches while the caller trains on
 * this one. The thread ends when the epoch does; if you stop early, {@link #close} the
 * iterator (try-with-resources) to end it at once. An iterator abandoned without closing
 * ends its thread when it is garbage-collected.
 *
 * <pre>{@code
 * try (BatchIterator epoch = loader.iterator()) {
 *     while (epoch.hasNext() && !done) {
 *         Batch batch = epoch.next();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {

    /** Created on first use, so that a program that never prefetches starts no cleaner thread. */
    private static final class Cleaning {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final BatchPlan plan;
    private final Prefetcher prefetcher;
    private final Cleaner.Cleanable cleanable;
    private int position;
    private boolean closed;

    /** Starts the epoch; {@code prefetch} batches are built ahead in a thread, or none (0) for the caller's thread. */
    BatchIterator(BatchPlan plan, int prefetch) {
        this.plan = plan;
        if (prefetch > 0 && plan.count() > 0) {
            prefetcher = Prefetcher.start(plan, prefetch);
            cleanable = Cleaning.CLEANER.register(this, prefetcher::stop);
        } else {
            prefetcher = null;
            cleanable = null;
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && position < plan.count();
    }

    /**
     * The next batch.
     *
     * @throws java.util.concurrent.CompletionException if building it threw; the cause is what it threw
     */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("DataLoader: this epoch " + (closed ? "was closed" : "has ended")
                    + " after " + position + " of " + plan.count() + " batches");
        }
        int number = position++;
        try {
            Batch batch = prefetcher == null ? buildHere(number) : prefetcher.take(number);
            if (position == plan.count()) {
                close();
            }
            return batch;
        } catch (RuntimeException | Error failure) {
            close();
            throw failure;
        } finally {
            // While this thread waits in take(), the cleaner must not take the iterator for garbage
            // and stop the producer.
            Reference.reachabilityFence(this);
        }
    }

    /** Ends the epoch: no more batches, and the prefetch thread (if any) stops. Closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    private Batch buildHere(int number) {
        try {
            return plan.build(number);
        } catch (RuntimeException failure) {
            throw plan.failure(number, failure);
        }
    }
}
