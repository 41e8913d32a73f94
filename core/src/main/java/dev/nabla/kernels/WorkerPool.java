package dev.nabla.kernels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads behind {@link Parallel}: the caller plus {@code threads - 1} workers share one
 * job at a time, each claiming chunks from a common counter until none are left.
 *
 * <p>Why not a {@code ForkJoinPool}: a caller outside the pool only waits there, so a
 * two-thread pool keeps three threads busy on two cores, and its workers park as soon as
 * they run out of work, so every operation pays a wake-up (tens of microseconds under a
 * hypervisor). Here the caller works too, and an idle worker spins for {@link #SPIN_NANOS}
 * before it parks: back-to-back operations hand off in well under a microsecond, while an
 * idle program gives its cores back to other processes almost at once.
 */
final class WorkerPool {
    /** How long an idle thread polls for work (or for the last chunk) before it parks. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Worker[] workers;
    /** One job at a time; a caller that finds the pool busy runs its job alone. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Job job;
    private volatile boolean closed;

    WorkerPool(int threads) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("nabla-kernel-" + (i + 1));
            workers[i].start();
        }
    }

    /** True when the calling thread is already running chunks of this pool. */
    boolean isInside() {
        return lock.isHeldByCurrentThread()
                || Thread.currentThread() instanceof Worker w && w.pool() == this;
    }

    /**
     * Runs the chunks of [0, n) with the workers; false (and nothing run) when the pool is
     * busy with another caller's job or closed.
     */
    boolean tryRun(int n, int grain, int chunks, Parallel.RangeBody body) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closed) {
                return false;
            }
            Job current = new Job(n, grain, chunks, body, Thread.currentThread());
            job = current;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            current.work();
            current.awaitDone();
            job = null;
            current.rethrow();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether no worker is parked: a job handed over now starts at once on every thread. */
    boolean awake() {
        for (Worker w : workers) {
            if (w.parked) {
                return false;
            }
        }
        return true;
    }

    /** Unparks the parked workers without a job: they poll for one for {@link #SPIN_NANOS}, then park again. */
    void wake() {
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Lets the workers finish what they hold and end. */
    void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /** One call of {@link Parallel#forChunks}: chunks claimed in order, counted when done. */
    private static final class Job {
        private final int n;
        private final int grain;
        private final int chunks;
        private final Parallel.RangeBody body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int n, int grain, int chunks, Parallel.RangeBody body, Thread caller) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.body = body;
            this.caller = caller;
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.run(c * grain, (int) Math.min(n, (long) (c + 1) * grain));
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                if (done.incrementAndGet() == chunks && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** The caller waits for chunks still running on workers: spin, then park. */
        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < chunks) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        WorkerPool pool() {
            return WorkerPool.this;
        }

        @Override
        public void run() {
            Job last = null;
            while (!closed) {
                Job current = awaitJob(last);
                if (current != null) {
                    current.work();
                    last = current;
                }
            }
        }

        /** A job other than {@code last}, or null when the pool closes. */
        private Job awaitJob(Job last) {
            long start = System.nanoTime();
            while (!closed) {
                Job current = job;
                if (current != null && current != last) {
                    return current;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // Publish "parked" before the last look, so a new job either is seen
                    // here or finds the flag set and unparks this thread.
                    parked = true;
                    current = job;
                    if (current == null || current == last) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    start = System.nanoTime();
                }
            }
            return null;
        }
    }
}
