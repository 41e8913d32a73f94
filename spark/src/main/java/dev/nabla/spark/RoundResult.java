package dev.nabla.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tasks of a round send back, summed by {@code treeAggregate}: their model states, how many
 * replicas and examples contributed, the logs (loss, metrics) weighted by examples, and the seconds
 * the replicas spent training and exchanging gradients.
 */
public final class RoundResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ModelState stateSum = new ModelState();
    private int replicas;
    private long examples;
    private final LinkedHashMap<String, Double> weightedLogs = new LinkedHashMap<>();
    private double trainingSeconds;
    private double exchangeSeconds;

    /** The zero of the sum. */
    public RoundResult() {
    }

    /** One replica's result: its state after the round, its logs over {@code examples} examples, its timings. */
    public static RoundResult of(ModelState state, Map<String, Double> logs, long examples, double trainingSeconds,
                                 double exchangeSeconds) {
        RoundResult result = new RoundResult();
        result.stateSum.add(state);
        result.replicas = 1;
        result.examples = examples;
        logs.forEach((name, value) -> result.weightedLogs.put(name, value * examples));
        result.trainingSeconds = trainingSeconds;
        result.exchangeSeconds = exchangeSeconds;
        return result;
    }

    /** Adds {@code other} into this result; returns this (treeAggregate's both operations). */
    public RoundResult add(RoundResult other) {
        stateSum.add(other.stateSum);
        replicas += other.replicas;
        examples += other.examples;
        other.weightedLogs.forEach((name, value) -> weightedLogs.merge(name, value, Double::sum));
        trainingSeconds = Math.max(trainingSeconds, other.trainingSeconds);
        exchangeSeconds = Math.max(exchangeSeconds, other.exchangeSeconds);
        return this;
    }

    /** The replicas' mean state. */
    public ModelState meanState() {
        if (replicas == 0) {
            throw new IllegalStateException("no replica returned a state for this round");
        }
        return stateSum.divide(replicas);
    }

    /** The logs averaged over every example of the round. */
    public Map<String, Double> logs() {
        Map<String, Double> out = new LinkedHashMap<>();
        weightedLogs.forEach((name, value) -> out.put(name, examples == 0 ? Double.NaN : value / examples));
        return out;
    }

    /** The replicas that contributed. */
    public int replicas() {
        return replicas;
    }

    /** The examples trained on. */
    public long examples() {
        return examples;
    }

    /** The slowest replica's seconds of training (forward, backward, update and exchange). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** The slowest replica's seconds spent exchanging gradients (synchronous mode; 0 otherwise). */
    public double exchangeSeconds() {
        return exchangeSeconds;
    }
}
