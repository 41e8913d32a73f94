package dev.nabla.spark;

/**
 * Where the replicas' gradients meet on the driver, step after step: each replica hands in its
 * gradient and waits until all {@code workers} have, then every one gets the same mean (summed in
 * partition order, so it is the same to the last bit whatever the arrival order). A new stage
 * attempt (Spark retrying the barrier stage after a task died) starts afresh and turns away
 * the replicas of older attempts; a task lost mid-epoch fails the others of its attempt at once.
 */
final class GradientRendezvous {

    private final int workers;
    private int attempt = -1;
    private float[][] contributions;
    private int arrived;
    private long generation;
    private float[] mean;
    private boolean closed;
    private int abandoned = -1;

    GradientRendezvous(int workers) {
        this.workers = workers;
        this.contributions = new float[workers][];
    }

    /**
     * Hands in {@code gradient} of {@code partition} in stage attempt {@code attempt} and returns the
     * mean over all partitions once each has handed in theirs.
     *
     * @throws IllegalStateException if a newer attempt has started, the sizes differ, or the rendezvous is closed
     * @throws InterruptedException  if the waiting thread is interrupted
     */
    synchronized float[] contribute(int attempt, int partition, float[] gradient) throws InterruptedException {
        if (attempt > this.attempt) {
            this.attempt = attempt;
            contributions = new float[workers][];
            arrived = 0;
            generation++;
            notifyAll();
        }
        checkCurrent(attempt);
        if (contributions[partition] != null) {
            throw new IllegalStateException("partition " + partition + " handed in two gradients for one step");
        }
        contributions[partition] = gradient;
        arrived++;
        long mine = generation;
        if (arrived == workers) {
            mean = average(contributions);
            contributions = new float[workers][];
            arrived = 0;
            generation++;
            notifyAll();
            return mean;
        }
        while (generation == mine && !closed) {
            wait();
        }
        checkCurrent(attempt);
        return mean;
    }

    /** Fails every replica of {@code attempt}, waiting or still to come: one of its tasks died mid-epoch. */
    synchronized void abandon(int attempt) {
        if (attempt == this.attempt) {
            abandoned = attempt;
            generation++;
            notifyAll();
        }
    }

    private void checkCurrent(int attempt) {
        if (closed) {
            throw new IllegalStateException("the gradient exchange has closed (training ended or failed)");
        }
        if (attempt == abandoned) {
            throw new IllegalStateException("a task of stage attempt " + attempt + " died; Spark retries the stage");
        }
        if (attempt != this.attempt) {
            throw new IllegalStateException("stage attempt " + attempt + " was superseded by attempt " + this.attempt);
        }
    }

    private float[] average(float[][] gradients) {
        int size = gradients[0].length;
        float[] sum = new float[size];
        for (float[] gradient : gradients) {
            if (gradient.length != size) {
                throw new IllegalStateException("replicas sent gradients of " + size + " and " + gradient.length
                        + " values; every task must build the same model from the recipe");
            }
            for (int i = 0; i < size; i++) {
                sum[i] += gradient[i];
            }
        }
        float scale = 1f / gradients.length;
        for (int i = 0; i < size; i++) {
            sum[i] *= scale;
        }
        return sum;
    }

    /** Wakes and turns away every waiting replica. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
