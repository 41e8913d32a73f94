package dev.nabla.kernels;

/**
 * The one thread pool of Nabla's kernels. Work over a range [0, n) is cut into chunks
 * whose boundaries depend only on n and the grain (never on the thread count), so any
 * result assembled chunk by chunk in chunk order is identical with 1 or many threads.
 * Small ranges run on the calling thread with no hand-off at all; larger ones are shared
 * by the calling thread and {@code threads - 1} workers ({@link WorkerPool}).
 *
 * <p>The thread count is the number of cores unless {@code NABLA_THREADS} says otherwise,
 * and can be changed with {@link #setThreads(int)}.
 */
public final class Parallel {

    /** A body run over the half-open index range [start, end). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private static volatile WorkerPool pool;
    private static volatile int threads = defaultThreads();

    private Parallel() {
    }

    /** The number of threads kernels may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels may use (at least 1); replaces the pool. */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        if (count == threads) {
            return;
        }
        WorkerPool old = pool;
        pool = null;
        threads = count;
        if (old != null) {
            old.close();
        }
    }

    /**
     * The number of chunks [0, n) is cut into when each chunk holds at least {@code grain}
     * indices: {@code ceil(n / grain)}, at least 1.
     */
    public static int chunkCount(int n, int grain) {
        return Math.max(1, (int) ((n + (long) grain - 1) / grain));
    }

    /**
     * Runs {@code body} over [0, n) in chunks of {@code grain} indices (the last may be
     * shorter). Chunks run in parallel when there is more than one and more than one
     * thread; otherwise everything runs on the caller's thread.
     */
    public static void forChunks(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = chunkCount(n, grain);
        if (chunks > 1 && threads > 1) {
            WorkerPool p = pool();
            // A kernel called from inside a kernel runs sequentially: no nested splitting.
            if (!p.isInside() && p.tryRun(n, grain, chunks, body)) {
                return;
            }
        }
        for (int c = 0; c < chunks; c++) {
            body.run(c * grain, (int) Math.min(n, (long) (c + 1) * grain));
        }
    }

    /**
     * {@link #forChunks} for work too small to pay for waking parked threads (a few hundred
     * microseconds): when the other threads are parked, everything runs on the caller's
     * thread, which wakes them for the calls that follow; when they are awake (polling after
     * recent work), the chunks are shared as usual. Chunks and results are the same either way.
     */
    public static void forChunksIfAwake(int n, int grain, RangeBody body) {
        if (n > 0 && chunkCount(n, grain) > 1 && threads > 1) {
            WorkerPool p = pool();
            if (!p.isInside() && !p.awake()) {
                p.wake();
                for (int c = 0, chunks = chunkCount(n, grain); c < chunks; c++) {
                    body.run(c * grain, (int) Math.min(n, (long) (c + 1) * grain));
                }
                return;
            }
        }
        forChunks(n, grain, body);
    }

    /**
     * Runs {@code tasks} independent tasks, task t over [t, t+1); parallel when there are
     * several threads. For work that is already cut into pieces of sensible size.
     */
    public static void forEachTask(int tasks, RangeBody body) {
        forChunks(tasks, 1, body);
    }

    private static WorkerPool pool() {
        WorkerPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new WorkerPool(threads);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static int defaultThreads() {
        String env = System.getenv("NABLA_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                int n = Integer.parseInt(env.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the core count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
