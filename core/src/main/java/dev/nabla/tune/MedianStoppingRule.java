package dev.nabla.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier): after epoch t, a trial
 * stops when its best value so far is worse than the median of the other trials' best values
 * by the same epoch. It waits {@code graceEpochs} epochs and until {@code minimumTrials}
 * others have reached epoch t.
 */
public record MedianStoppingRule(Direction direction, int graceEpochs, int minimumTrials) {

    public MedianStoppingRule {
        if (graceEpochs < 0 || minimumTrials < 1) {
            throw new IllegalArgumentException("median stopping needs grace_epochs >= 0 and minimum_trials >= 1, got "
                    + graceEpochs + " and " + minimumTrials);
        }
    }

    /** Whether a trial whose values so far are {@code curve} should stop, given the other trials' curves. */
    public boolean shouldStop(List<Double> curve, List<List<Double>> others) {
        int t = curve.size();
        if (t <= graceEpochs || t == 0) {
            return false;
        }
        List<Double> bests = new ArrayList<>();
        for (List<Double> other : others) {
            if (other.size() >= t) {
                bests.add(bestLoss(other, t));
            }
        }
        if (bests.size() < minimumTrials) {
            return false;
        }
        bests.sort(null);
        int n = bests.size();
        double median = n % 2 == 1 ? bests.get(n / 2) : 0.5 * (bests.get(n / 2 - 1) + bests.get(n / 2));
        return bestLoss(curve, t) > median;
    }

    /** The best of the first {@code t} values, as a loss (lower is better). */
    private double bestLoss(List<Double> curve, int t) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t; i++) {
            best = Math.min(best, direction.loss(curve.get(i)));
        }
        return best;
    }
}
