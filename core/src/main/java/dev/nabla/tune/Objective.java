package dev.nabla.tune;

import java.util.Map;

/** What a study minimises or maximises: trains (or computes) one configuration and returns its score. */
@FunctionalInterface
public interface Objective {

    /**
     * The objective of one trial; throwing, or returning NaN, marks the trial failed and the study
     * goes on.
     *
     * @param parameters the configuration
     * @param epochs     the epochs to train (a budget search's rung; 0 when the search sets none)
     * @param progress   where to report each epoch's value (for a stopping rule and the trial's curve)
     */
    double evaluate(Map<String, Object> parameters, int epochs, TrialProgress progress) throws Exception;
}
