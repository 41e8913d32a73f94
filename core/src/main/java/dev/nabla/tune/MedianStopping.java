package dev.nabla.tune;

import dev.nabla.train.Callback;
import dev.nabla.train.Model;
import java.util.Map;

/**
 * The callback of a trial under the {@link MedianStoppingRule}: reports {@code monitor} after
 * every epoch to the trial's {@link TrialProgress} and stops {@code fit} when the rule says so.
 * Made by {@link TrialProgress#callback}.
 */
public final class MedianStopping implements Callback {

    private final String monitor;
    private final TrialProgress progress;
    private Model model;

    MedianStopping(String monitor, TrialProgress progress) {
        this.monitor = monitor;
        this.progress = progress;
    }

    @Override
    public void onTrainBegin(Model trained) {
        this.model = trained;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException("median stopping monitors '" + monitor + "', which the epoch's logs"
                    + " do not hold; they hold " + logs.keySet());
        }
        if (progress.report(value) && model != null) {
            model.stopTraining();
        }
    }

    /** The trial's progress. */
    public TrialProgress progress() {
        return progress;
    }
}
