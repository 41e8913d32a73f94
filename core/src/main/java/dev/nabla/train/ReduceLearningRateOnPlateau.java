package dev.nabla.train;

import dev.nabla.optim.ReduceOnPlateau;
import dev.nabla.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lowers the learning rate when a monitored value stops improving (Keras's
 * {@code ReduceLROnPlateau}), with PyTorch's {@link ReduceOnPlateau} rule underneath:
 * {@code new ReduceLearningRateOnPlateau("val_loss", r -> r.factor(0.2f).patience(5))}. It acts
 * on every optimizer of the model (each with its own rule and the same settings), or on the one
 * named with {@link #optimizer(String)}.
 */
public final class ReduceLearningRateOnPlateau implements Callback {

    private final String monitor;
    private final UnaryOperator<ReduceOnPlateau> settings;
    private String optimizerName;
    private final List<ReduceOnPlateau> rules = new ArrayList<>();

    /** Watches {@code monitor} (MIN mode unless the settings say otherwise). */
    public ReduceLearningRateOnPlateau(String monitor, UnaryOperator<ReduceOnPlateau> settings) {
        this.monitor = monitor;
        this.settings = settings;
    }

    /** Acts only on the model's optimizer named {@code name} (null: on all, the default); returns this. */
    public ReduceLearningRateOnPlateau optimizer(String name) {
        optimizerName = name;
        return this;
    }

    @Override
    public void onTrainBegin(Model model) {
        rules.clear();
        Collection<Optimizer> targets = optimizerName == null ? model.optimizers().values()
                : List.of(model.optimizer(optimizerName));
        targets.forEach(optimizer -> rules.add(settings.apply(new ReduceOnPlateau(optimizer))));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double value = MonitoredValue.of("ReduceLearningRateOnPlateau", monitor, logs);
        rules.forEach(rule -> rule.step(value));
    }
}
