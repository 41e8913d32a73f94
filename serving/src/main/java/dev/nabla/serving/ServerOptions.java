package dev.nabla.serving;

/**
 * How a server batches and where it draws its limits.
 *
 * @param maxBatch       the most samples run at once (1: no batching)
 * @param maxDelayMillis how long a worker waits for requests being read to join a batch
 * @param workers        threads running batches, per model
 * @param maxQueue       the most samples waiting per model; more are answered 503
 * @param timeoutMillis  the longest a request waits for its answer; later it is answered 504
 * @param maxBodyBytes   the largest request body; larger ones are answered 413
 */
public record ServerOptions(int maxBatch, double maxDelayMillis, int workers, int maxQueue, long timeoutMillis,
        long maxBodyBytes) {

    /** Batches of up to 64, 2 ms delay, one worker, 1,024 waiting samples, 10 s timeout, 16 MiB bodies. */
    public static final ServerOptions DEFAULTS = new ServerOptions(64, 2, 1, 1024, 10_000, 16 << 20);

    public ServerOptions {
        require(maxBatch >= 1, "max batch must be at least 1, got " + maxBatch);
        require(maxDelayMillis >= 0 && Double.isFinite(maxDelayMillis), "max delay must be 0 ms or more, got "
                + maxDelayMillis);
        require(workers >= 1, "workers must be at least 1, got " + workers);
        require(maxQueue >= 1, "max queue must be at least 1, got " + maxQueue);
        require(timeoutMillis >= 1, "timeout must be at least 1 ms, got " + timeoutMillis);
        require(maxBodyBytes >= 1024, "max body must be at least 1024 bytes, got " + maxBodyBytes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public ServerOptions withMaxBatch(int value) {
        return new ServerOptions(value, maxDelayMillis, workers, maxQueue, timeoutMillis, maxBodyBytes);
    }

    public ServerOptions withMaxDelayMillis(double value) {
        return new ServerOptions(maxBatch, value, workers, maxQueue, timeoutMillis, maxBodyBytes);
    }

    public ServerOptions withWorkers(int value) {
        return new ServerOptions(maxBatch, maxDelayMillis, value, maxQueue, timeoutMillis, maxBodyBytes);
    }

    public ServerOptions withMaxQueue(int value) {
        return new ServerOptions(maxBatch, maxDelayMillis, workers, value, timeoutMillis, maxBodyBytes);
    }

    public ServerOptions withTimeoutMillis(long value) {
        return new ServerOptions(maxBatch, maxDelayMillis, workers, maxQueue, value, maxBodyBytes);
    }

    public ServerOptions withMaxBodyBytes(long value) {
        return new ServerOptions(maxBatch, maxDelayMillis, workers, maxQueue, timeoutMillis, value);
    }
}
