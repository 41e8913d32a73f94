package dev.nabla.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run of a study: a configuration trained for a number of epochs, and what came
 * of it.
 *
 * @param number     its place in the study, from 0
 * @param config     the configuration's number (the same for every budget a configuration is trained with)
 * @param bracket    Hyperband's bracket (0 for other searches)
 * @param rung       the rung of successive halving (0 for searches without budgets)
 * @param epochs     the epochs it was given (0: as the experiment says)
 * @param parameters the configuration
 * @param status     how it ended
 * @param objective  the objective (its best over the epochs), NaN when there is none
 * @param curve      the monitored value after each epoch
 * @param seconds    how long it ran
 * @param message    why it failed or was stopped; empty otherwise
 */
public record Trial(int number, int config, int bracket, int rung, int epochs, Map<String, Object> parameters,
                    Status status, double objective, List<Double> curve, double seconds, String message) {

    /** How a trial ended. */
    public enum Status {
        /** Started and not finished (in a saved study: interrupted, and run again on resuming). */
        RUNNING,
        /** Ran to its end with a finite objective. */
        COMPLETE,
        /** Ended early by a stopping rule; its objective is its best before the stop. */
        STOPPED,
        /** Threw, or its objective is NaN or missing. */
        FAILED
    }

    public Trial {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        curve = List.copyOf(curve);
    }

    /** Whether it has finished, one way or another. */
    public boolean finished() {
        return status != Status.RUNNING;
    }

    /** Whether it has an objective a search may learn from (complete or stopped, finite). */
    public boolean scored() {
        return (status == Status.COMPLETE || status == Status.STOPPED) && Double.isFinite(objective);
    }

    /** The epochs it actually trained: the curve's length, else the epochs it was given. */
    public int epochsUsed() {
        return curve.isEmpty() ? epochs : curve.size();
    }
}
