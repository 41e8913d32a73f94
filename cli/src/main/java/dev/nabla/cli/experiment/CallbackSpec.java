package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.BOOLEAN;
import static dev.nabla.cli.experiment.Setting.Kind.INTEGER;
import static dev.nabla.cli.experiment.Setting.Kind.NUMBER;
import static dev.nabla.cli.experiment.Setting.Kind.STEPS;
import static dev.nabla.cli.experiment.Setting.Kind.STRING;
import static dev.nabla.cli.experiment.Setting.Kind.STRINGS;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Plateau;
import dev.nabla.optim.ReduceOnPlateau;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Names;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.LayerStatistics;
import dev.nabla.train.CsvLogger;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.GradualUnfreezing;
import dev.nabla.train.History;
import dev.nabla.train.LearningRateScheduler;
import dev.nabla.train.ScheduledLearningRate;
import dev.nabla.train.ModelCheckpoint;
import dev.nabla.train.ProgressBar;
import dev.nabla.train.ReduceLearningRateOnPlateau;
import dev.nabla.train.TerminateOnNaN;
import dev.nabla.monitoring.TensorBoard;
import dev.nabla.tune.Direction;
import dev.nabla.tune.MedianStopping;
import dev.nabla.tune.MedianStoppingRule;
import dev.nabla.tune.TrialProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One entry of {@code training.callbacks}, by Keras's name ({@code early_stopping},
 * {@code reduce_lr_on_plateau}, {@code learning_rate_scheduler}, {@code terminate_on_nan})
 * or class name, with its settings ({@link #TYPES}). Values are checked when the file is
 * read, by making the callback once.
 */
final class CallbackSpec {

    /**
     * One callback.
     *
     * @param name           its name in an experiment file
     * @param implementation the class it creates
     * @param settings       its settings besides {@code type}
     * @param reader         reads its settings from an entry and makes its factory
     */
    record CallbackType(String name, Class<? extends Callback> implementation, List<Setting> settings, Reader reader) {
    }

    /** Reads a callback's settings from its entry, given the epochs. */
    interface Reader {
        /** The settings with their defaults filled in, and a factory of the callback. */
        CallbackSpec read(ConfigMap map, int epochs);
    }

    private static final List<Setting> LAYER_STATISTICS = List.of(Setting.optional("frequency", INTEGER, 10),
            Setting.optional("vanishing_below", NUMBER, 1e-7), Setting.optional("exploding_above", NUMBER, 1e3),
            Setting.optional("file", STRING, "layer-statistics.csv"));

    private static final Setting MONITOR = Setting.optional("monitor", STRING, "val_loss");
    /** {@code auto} maximises accuracies and scores and minimises the rest ({@link Plateau.Mode#resolve}). */
    private static final Setting MODE = Setting.choice("mode", "auto", List.of("min", "max", "auto"));

    static final List<CallbackType> TYPES = List.of(
            settings("early_stopping", EarlyStopping.class, List.of(MONITOR, Setting.optional("patience", INTEGER, 0),
                    Setting.optional("min_delta", NUMBER, 0.0), MODE,
                    Setting.optional("restore_best_weights", BOOLEAN, false)), CallbackSpec::earlyStopping),
            settings("reduce_lr_on_plateau", ReduceLearningRateOnPlateau.class, List.of(MONITOR,
                    Setting.optional("factor", NUMBER, 0.1), Setting.optional("patience", INTEGER, 10),
                    Setting.optional("cooldown", INTEGER, 0), Setting.optional("min_learning_rate", NUMBER, 0.0),
                    Setting.optional("min_delta", NUMBER, 1e-4), MODE), CallbackSpec::reduceOnPlateau),
            new CallbackType("learning_rate_scheduler", ScheduledLearningRate.class,
                    List.of(Setting.choice("schedule", null, ScheduleSpec.NAMES)), CallbackSpec::scheduler),
            settings("terminate_on_nan", TerminateOnNaN.class, List.of(), values -> TerminateOnNaN::new),
            settings("median_stopping", MedianStopping.class, List.of(MONITOR, MODE,
                    Setting.optional("grace_epochs", INTEGER, 1), Setting.optional("minimum_trials", INTEGER, 3),
                    Setting.optional("curves", STRING, "")), CallbackSpec::medianStopping),
            new CallbackType("tensorboard", TensorBoard.class, TensorBoardSpec.SETTINGS, TensorBoardSpec::read),
            new CallbackType("layer_statistics", LayerStatistics.class, LAYER_STATISTICS, CallbackSpec::layerStatistics),
            settings("gradual_unfreezing", GradualUnfreezing.class, List.of(Setting.required("layers", STRINGS),
                    Setting.optional("epochs_per_stage", STEPS, 1)), CallbackSpec::gradualUnfreezing));

    /** A callback class an experiment file does not list, and the reason. */
    record Unlisted(Class<? extends Callback> implementation, String reason) {
    }

    static final List<Unlisted> UNLISTED = List.of(
            new Unlisted(CsvLogger.class, "always on: every run writes history.csv into its output directory"),
            new Unlisted(ModelCheckpoint.class, "always on: every run saves best.nabla and last.nabla into its"
                    + " output directory"),
            new Unlisted(ProgressBar.class, "always on: every run prints Keras's progress bar"),
            new Unlisted(History.class, "always on: every run records each epoch's logs, which history.csv holds"),
            new Unlisted(LearningRateScheduler.class, "Java only: it takes a function of the epoch; a file names"
                    + " a schedule with learning_rate_scheduler"),
            new Unlisted(dev.nabla.generative.SampleGrid.class, "always on for a generative model: a GAN's or VAE's run"
                    + " writes samples-epoch-NNN.png into its output directory"));

    private final Map<String, Object> resolved;
    private final Function<Path, Callback> factory;

    private CallbackSpec(Map<String, Object> resolved, Supplier<Callback> factory) {
        this(resolved, runDirectory -> factory.get());
    }

    /** A callback that writes into the run's directory (its output directory, or a fold's). */
    CallbackSpec(Map<String, Object> resolved, Function<Path, Callback> factory) {
        this.resolved = resolved;
        this.factory = factory;
    }

    /** Reads an entry; {@code epochs} is the default length of the schedules that have one. */
    static CallbackSpec parse(ConfigNode node, int epochs) {
        ConfigMap map = node.asMap();
        CallbackType type = type(map.require("type"));
        CallbackSpec spec;
        try {
            spec = type.reader().read(map, epochs);
            spec.create(Path.of("."));
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("type", type.name());
        resolved.putAll(spec.resolved());
        return new CallbackSpec(resolved, spec.factory);
    }

    /** A callback whose settings are {@code settings}, made from their values by {@code factory}. */
    private static CallbackType settings(String name, Class<? extends Callback> implementation, List<Setting> settings,
                                         Function<Map<String, Object>, Supplier<Callback>> factory) {
        return new CallbackType(name, implementation, settings, (map, epochs) -> {
            Map<String, Object> values = Setting.read(map, settings, Map.of(), List.of("type"));
            Supplier<Callback> callback = factory.apply(values);
            Map<String, Object> resolved = new LinkedHashMap<>();
            values.forEach((key, value) -> resolved.put(key, Setting.resolved(value)));
            return new CallbackSpec(resolved, callback);
        });
    }

    /**
     * With the optimizer's {@code learning_rate} a schedule, refuses callbacks that also set the
     * rate (Keras refuses to set a scheduled rate too): each would undo the other.
     */
    static void refuseRateCallbacks(ConfigNode callbacks, boolean scheduledRate) {
        for (ConfigNode entry : scheduledRate ? callbacks.asList() : List.<ConfigNode>of()) {
            String type = type(entry.asMap().require("type")).name();
            if (type.equals("learning_rate_scheduler") || type.equals("reduce_lr_on_plateau")) {
                throw entry.error(type + " would fight the schedule given as the optimizer's learning_rate, which"
                        + " sets the rate at every update; use one of them");
            }
        }
    }

    private static CallbackType type(ConfigNode typeNode) {
        String normalized = Names.normalized(typeNode.asString());
        for (CallbackType type : TYPES) {
            if (normalized.equals(Names.normalized(type.name()))
                    || normalized.equals(Names.normalized(type.implementation().getSimpleName()))) {
                return type;
            }
        }
        for (Unlisted unlisted : UNLISTED) {
            if (normalized.equals(Names.normalized(unlisted.implementation().getSimpleName()))) {
                throw typeNode.error("is not listed in an experiment file: " + unlisted.reason());
            }
        }
        throw typeNode.error("unknown callback " + typeNode.describe() + "; known: "
                + String.join(", ", TYPES.stream().map(CallbackType::name).toList()));
    }

    /** Per-layer diagnostics and their warnings; the statistics go to {@code file} in the run's directory ("" for none). */
    private static CallbackSpec layerStatistics(ConfigMap map, int epochs) {
        Map<String, Object> values = Setting.read(map, LAYER_STATISTICS, Map.of(), List.of("type"));
        int frequency = (Integer) values.get("frequency");
        double vanishing = ((Number) values.get("vanishing_below")).doubleValue();
        double exploding = ((Number) values.get("exploding_above")).doubleValue();
        String file = (String) values.get("file");
        Function<Path, Callback> factory = runDirectory -> {
            LayerStatistics statistics = new LayerStatistics().frequency(frequency);
            statistics.warnings().vanishingBelow(vanishing).explodingAbove(exploding);
            return file.isEmpty() ? statistics : statistics.csvFile(runDirectory.resolve(file));
        };
        Map<String, Object> resolved = new LinkedHashMap<>();
        values.forEach((key, value) -> resolved.put(key, Setting.resolved(value)));
        return new CallbackSpec(resolved, factory);
    }

    /** The layers, by dotted name, frozen when training begins and unfrozen one stage at a time. */
    @SuppressWarnings("unchecked")
    private static Supplier<Callback> gradualUnfreezing(Map<String, Object> values) {
        List<String> layers = (List<String>) values.get("layers");
        int epochsPerStage = (Integer) values.get("epochs_per_stage");
        return () -> GradualUnfreezing.ofLayers(layers, epochsPerStage);
    }

    private static Supplier<Callback> earlyStopping(Map<String, Object> values) {
        String monitor = (String) values.get("monitor");
        int patience = (Integer) values.get("patience");
        double minDelta = (Double) values.get("min_delta");
        boolean restore = (Boolean) values.get("restore_best_weights");
        Plateau.Mode mode = mode(values);
        return () -> new EarlyStopping(monitor, mode, minDelta, patience, restore);
    }

    /**
     * The median stopping rule against the curves of other runs, one per line of the {@code curves}
     * file (comma-separated values after each epoch); {@code nabla tune} writes it for each trial.
     * Without a file there is nothing to compare with, and the callback only records.
     */
    private static Supplier<Callback> medianStopping(Map<String, Object> values) {
        String monitor = (String) values.get("monitor");
        Direction direction = mode(values) == Plateau.Mode.MIN ? Direction.MINIMIZE : Direction.MAXIMIZE;
        MedianStoppingRule rule = new MedianStoppingRule(direction, (Integer) values.get("grace_epochs"),
                (Integer) values.get("minimum_trials"));
        String name = (String) values.get("curves");
        List<List<Double>> curves = new ArrayList<>();
        Path file = name.isEmpty() ? null : Path.of(name);
        try {
            for (String line : file == null ? List.<String>of() : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    curves.add(Arrays.stream(line.split(",")).map(v -> Double.parseDouble(v.trim())).toList());
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the curves file " + file + ": " + e.getMessage());
        }
        return () -> new TrialProgress(rule, curves).callback(monitor);
    }

    private static Supplier<Callback> reduceOnPlateau(Map<String, Object> values) {
        float factor = number(values, "factor");
        int patience = (Integer) values.get("patience");
        int cooldown = (Integer) values.get("cooldown");
        float minLearningRate = number(values, "min_learning_rate");
        float minDelta = number(values, "min_delta");
        Plateau.Mode mode = mode(values);
        Function<ReduceOnPlateau, ReduceOnPlateau> settings = rule -> rule.mode(mode).factor(factor)
                .patience(patience).cooldown(cooldown).minLearningRate(minLearningRate).absoluteThreshold(minDelta);
        settings.apply(new ReduceOnPlateau(probeOptimizer()));
        String monitor = (String) values.get("monitor");
        return () -> new ReduceLearningRateOnPlateau(monitor, settings::apply);
    }

    /** Any schedule of {@link ScheduleSpec}, stepped once per epoch; cosine and one-cycle span the epochs. */
    private static CallbackSpec scheduler(ConfigMap map, int epochs) {
        ScheduleSpec schedule = ScheduleSpec.parse(map, List.of("type"), epochs);
        return new CallbackSpec(schedule.resolved(), () -> ScheduledLearningRate.perEpoch(schedule.factory()));
    }

    /** The {@code mode} given, auto resolved by the monitored name; records the mode chosen in {@code values}. */
    private static Plateau.Mode mode(Map<String, Object> values) {
        Plateau.Mode mode = Plateau.Mode.valueOf(((String) values.get("mode")).toUpperCase(Locale.ROOT))
                .resolve((String) values.get("monitor"));
        values.put("mode", mode.name().toLowerCase(Locale.ROOT));
        return mode;
    }

    private static float number(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).floatValue();
    }

    private static Optimizer probeOptimizer() {
        return new Sgd(List.of(new Parameter(Tensor.zeros(1))), 0.01f);
    }

    /** A new callback for one run writing (if it writes) into {@code runDirectory}. */
    Callback create(Path runDirectory) {
        return factory.apply(runDirectory);
    }

    /** Whether this entry is a {@code tensorboard} one. */
    boolean isTensorBoard() {
        return "tensorboard".equals(resolved.get("type"));
    }

    /** The entry with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        return resolved;
    }
}
