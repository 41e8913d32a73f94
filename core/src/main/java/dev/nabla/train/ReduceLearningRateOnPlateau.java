package dev.nabla.train;

import dev.nabla.optim.ReduceOnPlateau;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lowers the learning rate when a monitored value stops improving (Keras's
 * {@code ReduceLROnPlateau}), with PyTorch's {@link ReduceOnPlateau} rule underneath:
 * {@code new ReduceLearningRateOnPlateau("val_loss", r -> r.factor(0.2f).patience(5))}.
 */
public final class ReduceLearningRateOnPlateau implements Callback {

    private final String monitor;
    private final UnaryOperator<ReduceOnPlateau> settings;
    private ReduceOnPlateau rule;

    /** Watches {@code monitor} (MIN mode unless the settings say otherwise). */
    public ReduceLearningRateOnPlateau(String monitor, UnaryOperator<ReduceOnPlateau> settings) {
        this.monitor = monitor;
        this.settings = settings;
    }

    @Override
    public void onTrainBegin(Model model) {
        rule = settings.apply(new ReduceOnPlateau(model.optimizer()));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        rule.step(MonitoredValue.of("ReduceLearningRateOnPlateau", monitor, logs));
    }
}
