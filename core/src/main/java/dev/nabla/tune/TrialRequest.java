package dev.nabla.tune;

import java.util.List;
import java.util.Map;

/**
 * What a {@link Search} asks to run next: a configuration and its budget.
 *
 * @param config     the configuration's number
 * @param bracket    Hyperband's bracket (0 otherwise)
 * @param rung       the rung of successive halving (0 otherwise)
 * @param epochs     the epochs to train (0: as the experiment says)
 * @param parameters the configuration
 */
public record TrialRequest(int config, int bracket, int rung, int epochs, Map<String, Object> parameters) {

    /** A running trial of this request. */
    public Trial started(int number) {
        return new Trial(number, config, bracket, rung, epochs, parameters, Trial.Status.RUNNING, Double.NaN,
                List.of(), 0, "");
    }
}
