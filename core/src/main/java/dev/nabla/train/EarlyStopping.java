package dev.nabla.train;

import dev.nabla.optim.Plateau;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored value stops improving (Keras's {@code EarlyStopping}):
 * after {@code patience} epochs without an improvement larger than {@code minDelta}, in the
 * direction given by the mode ({@link Plateau}). With {@code restoreBestWeights}, the
 * weights of the best epoch are put back at the end.
 */
public final class EarlyStopping implements Callback {

    private final String monitor;
    private final Plateau plateau;
    private final int patience;
    private final boolean restoreBestWeights;
    private Model model;
    private int bestEpoch;
    private int stoppedEpoch = -1;
    private Map<String, float[]> bestWeights;

    /** Stops after {@code patience} epochs without improvement of {@code monitor}, in the AUTO mode for its name. */
    public EarlyStopping(String monitor, int patience) {
        this(monitor, Plateau.Mode.AUTO, 0.0, patience, false);
    }

    /** All settings; AUTO decides the mode by the monitored name ({@link Plateau.Mode#resolve}). */
    public EarlyStopping(String monitor, Plateau.Mode mode, double minDelta, int patience, boolean restoreBestWeights) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience and minDelta must be non-negative");
        }
        this.monitor = monitor;
        this.plateau = new Plateau(mode.resolve(monitor), minDelta);
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        plateau.reset();
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (plateau.update(MonitoredValue.of("EarlyStopping", monitor, logs))) {
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = snapshot();
            }
        } else if (plateau.badSteps() > patience) {
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
