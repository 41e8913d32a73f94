package dev.nabla.spark;

/**
 * The cost of one synchronisation round, measured on the driver: its wall-clock seconds (broadcast,
 * tasks, {@code treeAggregate}, averaging), the slowest replica's seconds inside the task, of which
 * gradient exchange (synchronous mode), and the examples trained on.
 *
 * @param epoch            the epoch, from 0
 * @param round            the round within the epoch, from 0
 * @param seconds          the round's wall-clock time on the driver
 * @param trainingSeconds  the slowest replica's time training (exchange included)
 * @param exchangeSeconds  the slowest replica's time in gradient exchange
 * @param examples         the examples of all replicas together
 * @param floatsPerReplica the floats each replica sends back (weights and optimizer state)
 */
public record RoundTiming(int epoch, int round, double seconds, double trainingSeconds, double exchangeSeconds,
                          long examples, long floatsPerReplica) {

    /** The seconds of the round outside the replicas' training: what the synchronisation itself costs. */
    public double synchronisationSeconds() {
        return Math.max(0, seconds - trainingSeconds);
    }
}
