package dev.nabla.train;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored value stops improving (Keras's {@code EarlyStopping}):
 * after {@code patience} epochs without an improvement larger than {@code minDelta}, in the
 * direction given by the mode. With {@code restoreBestWeights}, the weights of the best epoch
 * are put back at the end.
 */
public final class EarlyStopping implements Callback {

    /** Whether smaller or larger values are better. */
    public enum Mode { MIN, MAX }

    private final String monitor;
    private final Mode mode;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private Model model;
    private double best;
    private int wait;
    private int bestEpoch;
    private int stoppedEpoch = -1;
    private Map<String, float[]> bestWeights;

    /** Stops after {@code patience} epochs without improvement of {@code val_loss}-like values; MIN mode for names ending in loss. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, monitor.endsWith("loss") || monitor.endsWith("error") ? Mode.MIN : Mode.MAX, 0.0, patience, false);
    }

    /** All settings. */
    public EarlyStopping(String monitor, Mode mode, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience and minDelta must be non-negative");
        }
        this.monitor = monitor;
        this.mode = mode;
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        wait = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException("EarlyStopping: '" + monitor + "' is not logged; logged: " + logs.keySet()
                    + (monitor.startsWith("val_") ? " (give fit validation data)" : ""));
        }
        boolean improved = mode == Mode.MIN ? value < best - minDelta : value > best + minDelta;
        if (improved) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = snapshot();
            }
        } else if (++wait > patience) {
            stoppedEpoch = epoch;
            model.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (restoreBestWeights && bestWeights != null) {
            try (NoGrad ignored = NoGrad.enter()) {
                model.network().stateDict().forEach((k, t) -> t.assign(Tensor.of(bestWeights.get(k), t.shape().toArray())));
            }
        }
    }

    private Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        model.network().stateDict().forEach((k, t) -> copy.put(k, t.toFloatArray()));
        return copy;
    }

    /** The epoch training stopped at, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best monitored value. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
