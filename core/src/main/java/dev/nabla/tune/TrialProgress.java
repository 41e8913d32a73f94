package dev.nabla.tune;

import dev.nabla.train.Callback;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trial reports while it trains: the monitored value after each epoch. With a
 * {@link MedianStoppingRule}, {@link #report} answers whether the trial should stop, and
 * {@link #callback} stops a {@code fit} by itself.
 */
public final class TrialProgress {

    private final MedianStoppingRule rule;
    private final List<List<Double>> others;
    private final List<Double> curve = new ArrayList<>();
    private boolean stopped;

    /**
     * A trial's progress.
     *
     * @param rule   the stopping rule, or null for none
     * @param others the curves of the trials finished before it
     */
    public TrialProgress(MedianStoppingRule rule, List<List<Double>> others) {
        this.rule = rule;
        this.others = List.copyOf(others);
    }

    /** Records the value after an epoch; true when the trial should stop now. */
    public boolean report(double value) {
        curve.add(value);
        if (rule != null && !stopped && rule.shouldStop(curve, others)) {
            stopped = true;
        }
        return stopped;
    }

    /** A callback that reports {@code monitor} after every epoch of {@code fit} and stops training when told to. */
    public Callback callback(String monitor) {
        return new MedianStopping(monitor, this);
    }

    /** The values reported so far. */
    public List<Double> curve() {
        return List.copyOf(curve);
    }

    /** Whether the stopping rule stopped the trial. */
    public boolean stopped() {
        return stopped;
    }
}
