package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ReduceOnPlateau;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.ReduceLearningRateOnPlateau;
import dev.nabla.train.ScheduledLearningRate;
import dev.nabla.train.TerminateOnNaN;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One entry of {@code training.callbacks}, by Keras's name: {@code early_stopping},
 * {@code reduce_lr_on_plateau}, {@code learning_rate_scheduler}, {@code terminate_on_nan}.
 * Values are checked when the file is read, by making the callback once.
 */
final class CallbackSpec {

    private static final List<String> TYPES = List.of("early_stopping", "reduce_lr_on_plateau",
            "learning_rate_scheduler", "terminate_on_nan");

    private final Map<String, Object> resolved;
    private final Supplier<Callback> factory;

    private CallbackSpec(Map<String, Object> resolved, Supplier<Callback> factory) {
        this.resolved = resolved;
        this.factory = factory;
    }

    /** Reads an entry; {@code epochs} is the default length of a cosine schedule. */
    static CallbackSpec parse(ConfigNode node, int epochs) {
        ConfigMap map = node.asMap();
        ConfigNode typeNode = map.require("type");
        String type = canonical(typeNode);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("type", type);
        Supplier<Callback> factory;
        try {
            factory = switch (type) {
                case "early_stopping" -> earlyStopping(map, resolved);
                case "reduce_lr_on_plateau" -> reduceOnPlateau(map, resolved);
                case "learning_rate_scheduler" -> scheduler(map, resolved, epochs);
                default -> {
                    map.allowOnly(List.of("type"));
                    yield TerminateOnNaN::new;
                }
            };
            factory.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        return new CallbackSpec(resolved, factory);
    }

    /**
     * With the optimizer's {@code learning_rate} a schedule, refuses callbacks that also set the
     * rate (Keras refuses to set a scheduled rate too): each would undo the other.
     */
    static void refuseRateCallbacks(ConfigNode callbacks, boolean scheduledRate) {
        for (ConfigNode entry : scheduledRate ? callbacks.asList() : List.<ConfigNode>of()) {
            String type = canonical(entry.asMap().require("type"));
            if (type.equals("learning_rate_scheduler") || type.equals("reduce_lr_on_plateau")) {
                throw entry.error(type + " would fight the schedule given as the optimizer's learning_rate, which"
                        + " sets the rate at every update; use one of them");
            }
        }
    }

    private static String canonical(ConfigNode typeNode) {
        String normalized = typeNode.asString().replace("_", "").toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "earlystopping" -> "early_stopping";
            case "reducelronplateau", "reducelearningrateonplateau" -> "reduce_lr_on_plateau";
            case "learningratescheduler" -> "learning_rate_scheduler";
            case "terminateonnan" -> "terminate_on_nan";
            case "csvlogger", "modelcheckpoint" -> throw typeNode.error("is always on: every run writes history.csv"
                    + " and the best and last models into its output directory");
            default -> throw typeNode.error("unknown callback " + typeNode.describe() + "; known: "
                    + String.join(", ", TYPES));
        };
    }

    private static Supplier<Callback> earlyStopping(ConfigMap map, Map<String, Object> resolved) {
        map.allowOnly(List.of("type", "monitor", "patience", "min_delta", "mode", "restore_best_weights"));
        String monitor = map.string("monitor", "val_loss");
        int patience = map.integer("patience", 0, 0);
        double minDelta = map.number("min_delta", 0.0);
        boolean minimize = minimize(map, monitor);
        boolean restore = map.bool("restore_best_weights", false);
        resolved.put("monitor", monitor);
        resolved.put("patience", patience);
        resolved.put("min_delta", minDelta);
        resolved.put("mode", minimize ? "min" : "max");
        resolved.put("restore_best_weights", restore);
        EarlyStopping.Mode mode = minimize ? EarlyStopping.Mode.MIN : EarlyStopping.Mode.MAX;
        return () -> new EarlyStopping(monitor, mode, minDelta, patience, restore);
    }

    private static Supplier<Callback> reduceOnPlateau(ConfigMap map, Map<String, Object> resolved) {
        map.allowOnly(List.of("type", "monitor", "factor", "patience", "cooldown", "min_learning_rate", "min_delta",
                "mode"));
        String monitor = map.string("monitor", "val_loss");
        float factor = (float) map.number("factor", 0.1);
        int patience = map.integer("patience", 0, 10);
        int cooldown = map.integer("cooldown", 0, 0);
        float minLearningRate = (float) map.number("min_learning_rate", 0.0);
        float minDelta = (float) map.number("min_delta", 1e-4);
        boolean minimize = minimize(map, monitor);
        resolved.put("monitor", monitor);
        resolved.put("factor", Experiment.decimal(factor));
        resolved.put("patience", patience);
        resolved.put("cooldown", cooldown);
        resolved.put("min_learning_rate", Experiment.decimal(minLearningRate));
        resolved.put("min_delta", Experiment.decimal(minDelta));
        resolved.put("mode", minimize ? "min" : "max");
        ReduceOnPlateau.Mode mode = minimize ? ReduceOnPlateau.Mode.MIN : ReduceOnPlateau.Mode.MAX;
        Function<ReduceOnPlateau, ReduceOnPlateau> settings = rule -> rule.mode(mode).factor(factor)
                .patience(patience).cooldown(cooldown).minLearningRate(minLearningRate).absoluteThreshold(minDelta);
        settings.apply(new ReduceOnPlateau(probeOptimizer()));
        return () -> new ReduceLearningRateOnPlateau(monitor, settings::apply);
    }

    /** Any schedule of {@link ScheduleSpec}, stepped once per epoch; cosine and one-cycle ones span the epochs by default. */
    private static Supplier<Callback> scheduler(ConfigMap map, Map<String, Object> resolved, int epochs) {
        ScheduleSpec schedule = ScheduleSpec.parse(map, List.of("type"), epochs);
        resolved.putAll(schedule.resolved());
        return () -> ScheduledLearningRate.perEpoch(schedule.factory());
    }

    /** {@code mode: min|max|auto}; auto minimises losses and errors and maximises the rest, as Keras does. */
    private static boolean minimize(ConfigMap map, String monitor) {
        ConfigNode mode = map.get("mode");
        String value = mode == null ? "auto" : mode.asString();
        return switch (value) {
            case "min" -> true;
            case "max" -> false;
            case "auto" -> monitor.endsWith("loss") || monitor.endsWith("error");
            default -> throw mode.error("expected min, max or auto, got " + mode.describe());
        };
    }

    private static Optimizer probeOptimizer() {
        return new Sgd(List.of(new Parameter(Tensor.zeros(1))), 0.01f);
    }

    /** A new callback for one run. */
    Callback create() {
        return factory.get();
    }

    /** The entry with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        return resolved;
    }
}
