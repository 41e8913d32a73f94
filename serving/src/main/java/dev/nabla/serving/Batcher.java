package dev.nabla.serving;

import dev.nabla.nn.Inference;
import dev.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic batching for one model version: requests queue up, and each worker thread takes
 * what is waiting (up to {@code maxBatch} samples), runs it as one batch and hands each
 * request its rows back. A worker waits up to {@code maxDelayNanos} for more only while
 * other requests are still being read ({@link #arriving()}): a lone request on an idle server
 * runs at once.
 *
 * <p>Thread safety: workers run the network in an {@link Inference} scope, which changes
 * nothing in the model (core keeps its scratch and packed-weight caches per thread), so
 * several workers may run one network at once. {@link #reload} swaps the model between
 * batches; a batch in progress finishes on the model it started with.
 */
final class Batcher {

    /** One request's samples and where its answer goes; {@code data} is {@code [samples, ...sampleShape]} flattened. */
    record Job(float[] data, int samples, long enqueuedNanos, CompletableFuture<float[]> answer) {
    }

    private final AtomicReference<ServedModel> model;
    private final int[] outputSampleShape;
    private final int outputSize;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final int maxQueue;
    private final long timeoutNanos;
    private final Metrics metrics;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final AtomicInteger arriving = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private int queuedSamples;
    private boolean closed;

    Batcher(ServedModel model, ServerOptions options, Metrics metrics) {
        this.model = new AtomicReference<>(model);
        this.outputSampleShape = model.outputSampleShape();
        this.outputSize = Arrays.stream(outputSampleShape).reduce(1, Math::multiplyExact);
        this.maxBatch = options.maxBatch();
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(Math.round(options.maxDelayMillis() * 1000));
        this.maxQueue = options.maxQueue();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        this.metrics = metrics;
        for (int i = 0; i < options.workers(); i++) {
            Thread worker = Thread.ofPlatform().name("nabla-serve-" + model.name() + "-" + (i + 1)).daemon()
                    .start(this::work);
            workers.add(worker);
        }
    }

    ServedModel model() {
        return model.get();
    }

    /** One output row's shape. */
    int[] outputSampleShape() {
        return outputSampleShape.clone();
    }

    /** Floats in one output row. */
    int outputSize() {
        return outputSize;
    }

    /** Counts requests being read for this model, so that a worker waits for them; each ends with {@link #arrived}. */
    AtomicInteger arriving() {
        return arriving;
    }

    /**
     * One request read (or refused). Call it before {@link #submit}: when no other request is being
     * read, a worker that waits for more runs what it has at once instead of at its deadline.
     */
    void arrived() {
        if (arriving.decrementAndGet() == 0) {
            lock.lock();
            try {
                waiting.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Samples waiting. */
    int queueLength() {
        lock.lock();
        try {
            return queuedSamples;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code samples} samples; the answer holds {@code samples * outputSize} floats. 503 when full or closed. */
    CompletableFuture<float[]> submit(float[] data, int samples) {
        Job job = new Job(data, samples, System.nanoTime(), new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new ServingException(503, "the server is shutting down");
            }
            if (queuedSamples + samples > maxQueue && !queue.isEmpty()) {
                throw new ServingException(503, "model '" + model.get().name() + "': " + queuedSamples
                        + " samples are waiting, the queue holds at most " + maxQueue + "; retry later");
            }
            queue.add(job);
            queuedSamples += samples;
            waiting.signal();
        } finally {
            lock.unlock();
        }
        return job.answer();
    }

    /** Replaces the model between batches; it must take and give the same shapes. */
    void reload(ServedModel replacement) {
        ServedModel current = model.get();
        if (!Arrays.equals(current.sampleShape(), replacement.sampleShape())
                || !Arrays.equals(replacement.outputSampleShape(), outputSampleShape)) {
            throw new IllegalArgumentException("model '" + current.name() + "': a reloaded model must take samples of"
                    + " shape " + Arrays.toString(current.sampleShape()) + " and give " + outputSize + " outputs each");
        }
        model.set(replacement);
    }

    /** Stops taking requests; the workers finish every queued one, then end. */
    void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            waiting.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private void work() {
        for (List<Job> batch = take(); batch != null; batch = take()) {
            run(batch);
        }
    }

    /** The next batch, or null once closed and drained. */
    private List<Job> take() {
        List<Job> batch = new ArrayList<>();
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                waiting.awaitUninterruptibly();
            }
            int samples = 0;
            long deadline = System.nanoTime() + maxDelayNanos;
            while (true) {
                while (!queue.isEmpty() && (batch.isEmpty() || samples + queue.peek().samples() <= maxBatch)) {
                    Job job = queue.poll();
                    queuedSamples -= job.samples();
                    samples += job.samples();
                    batch.add(job);
                }
                long left = deadline - System.nanoTime();
                if (samples >= maxBatch || !queue.isEmpty() || arriving.get() == 0 || left <= 0 || closed) {
                    return batch;
                }
                waiting.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void run(List<Job> jobs) {
        long now = System.nanoTime();
        List<Job> live = new ArrayList<>();
        for (Job job : jobs) {
            if (job.answer().isDone()) {
                continue;   // its caller gave up (timeout)
            }
            if (now - job.enqueuedNanos() > timeoutNanos) {
                job.answer().completeExceptionally(new ServingException(504, "the request waited longer than the"
                        + " timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
                continue;
            }
            live.add(job);
        }
        if (live.isEmpty()) {
            return;
        }
        ServedModel served = model.get();
        int sampleSize = served.sampleSize();
        int samples = live.stream().mapToInt(Job::samples).sum();
        try {
            float[] input = new float[samples * sampleSize];
            int offset = 0;
            for (Job job : live) {
                System.arraycopy(job.data(), 0, input, offset, job.data().length);
                offset += job.data().length;
            }
            int[] shape = new int[served.sampleShape().length + 1];
            shape[0] = samples;
            System.arraycopy(served.sampleShape(), 0, shape, 1, shape.length - 1);
            float[] output;
            try (Inference ignored = Inference.enter()) {
                output = served.network().forward(Tensor.of(input, shape)).toFloatArray();
            }
            metrics.batch(served, samples);
            int row = 0;
            for (Job job : live) {
                job.answer().complete(Arrays.copyOfRange(output, row * outputSize, (row + job.samples()) * outputSize));
                row += job.samples();
            }
        } catch (RuntimeException | Error e) {
            for (Job job : live) {
                job.answer().completeExceptionally(e);
            }
        }
    }
}
