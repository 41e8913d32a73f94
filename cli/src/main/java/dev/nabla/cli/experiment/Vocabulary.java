package dev.nabla.cli.experiment;

import dev.nabla.io.LayerSpecs;
import dev.nabla.io.LayerTypeDescription;
import dev.nabla.io.LayerTypeDescription.Argument;
import dev.nabla.loss.Losses;
import dev.nabla.loss.LossOptions;
import dev.nabla.metrics.AucRoc;
import dev.nabla.metrics.F1Score;
import dev.nabla.metrics.Metrics;
import dev.nabla.metrics.Precision;
import dev.nabla.metrics.Recall;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every name an experiment file may use, by kind, with the class it makes and its arguments:
 * read from the registries that parse the files ({@link LayerSpecs}, {@link Losses},
 * {@link Metrics}, {@link Optimizers}, the callbacks and schedules of the {@code training}
 * section), so a list made from it cannot disagree with what the files accept.
 * {@code nabla reference} writes it as {@code docs/reference.md}.
 */
public final class Vocabulary {

    /**
     * One thing an experiment file names.
     *
     * @param names          its names, the preferred first (aliases after it)
     * @param implementation the class it makes
     * @param arguments      the settings it takes beside its name (described as a layer's arguments are)
     */
    public record Entry(List<String> names, Class<?> implementation, List<Argument> arguments) {

        /** Copies the lists. */
        public Entry {
            names = List.copyOf(names);
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * An activation, as {@code activation:} names it: its names, the fused function Dense and
     * the convolutions apply, and the layer an experiment file adds for it (null for the identity).
     */
    public record Activation(List<String> names, ActivationFunction function, Class<? extends Layer> layer) {
    }

    private Vocabulary() {
    }

    /**
     * The built-in layer types of {@code model}, by their snake-case and class names (types a
     * program registered itself are not what the command line accepts).
     */
    public static List<Entry> layers() {
        return LayerSpecs.descriptions().stream().filter(LayerTypeDescription::builtIn).map(Vocabulary::layer).toList();
    }

    private static Entry layer(LayerTypeDescription type) {
        // The snake_case name first, as experiment files write it, then the class name and the aliases.
        List<String> names = new ArrayList<>(List.of(type.snakeCaseName()));
        type.names().stream().filter(n -> !n.equals(type.snakeCaseName())).forEach(names::add);
        return new Entry(names, type.layerClass(), type.arguments());
    }

    /** The activations, in {@link ActivationFunction}'s order, each with all its names. */
    public static List<Activation> activations() {
        Map<ActivationFunction, List<String>> names = new LinkedHashMap<>();
        for (ActivationFunction function : ActivationFunction.values()) {
            names.put(function, new ArrayList<>());
        }
        ActivationFunction.names().forEach(name -> names.get(ActivationFunction.byName(name)).add(name));
        List<Activation> out = new ArrayList<>();
        names.forEach((function, known) -> out.add(new Activation(known, function,
                function == ActivationFunction.LINEAR ? null : ActivationLayers.of(function).getClass())));
        return out;
    }

    /** The losses of {@code training.loss}, their names grouped by class, with their options and defaults. */
    public static List<Entry> losses() {
        return grouped(Losses.names(), name -> Losses.byName(name).getClass()).stream().map(entry -> new Entry(
                entry.names(), entry.implementation(), LossOptions.describe(Losses.byName(entry.names().get(0)))
                .stream().map(o -> new Argument(o.name(), List.of(), o.kind(), false, o.defaultValue(), null,
                        o.choices())).toList())).toList();
    }

    /** The metrics of {@code training.metrics}, their names grouped by class, with {@code average} where they take one. */
    public static List<Entry> metrics() {
        return grouped(Metrics.names(), name -> Metrics.byName(name).getClass()).stream().map(entry -> {
            Object defaultAverage = switch (Metrics.byName(entry.names().get(0))) {
                case Precision precision -> precision.average();
                case Recall recall -> recall.average();
                case F1Score f1 -> f1.average();
                case AucRoc auc -> auc.average();
                default -> null;
            };
            return defaultAverage == null ? entry : new Entry(entry.names(), entry.implementation(), List.of(
                    new Argument("average", List.of(), Setting.Kind.STRING.description(), false,
                            defaultAverage.toString().toLowerCase(java.util.Locale.ROOT), null,
                            MetricSpec.AVERAGES)));
        }).toList();
    }

    /** The optimizers of {@code training.optimizer}, with their settings and defaults. */
    public static List<Entry> optimizers() {
        List<Parameter> probe = List.of(new Parameter(Tensor.zeros(1)));
        return Optimizers.names().stream().map(name -> {
            List<Argument> settings = new ArrayList<>();
            OptimizerSpec.named(name).resolved().forEach((key, value) -> {
                if (!key.equals("name")) {
                    String kind = (value instanceof Boolean ? Setting.Kind.BOOLEAN : Setting.Kind.NUMBER).description();
                    settings.add(new Argument(key, key.equals("learning_rate")
                            ? List.of(OptimizerSpec.LEARNING_RATE_ALIAS) : List.of(), kind, false, value, null,
                            List.of()));
                }
            });
            return new Entry(List.of(name), Optimizers.byName(name).apply(probe).getClass(), settings);
        }).toList();
    }

    /** The architectures {@code model.zoo} names. */
    public static List<String> zooArchitectures() {
        return dev.nabla.zoo.Zoo.names();
    }

    /** The keys of a {@code model} section that names a zoo architecture, {@code zoo} first. */
    public static List<String> zooKeys() {
        return ZooModelSpec.KEYS;
    }

    /** The callbacks of {@code training.callbacks}, by their names and class names. */
    public static List<Entry> callbacks() {
        return CallbackSpec.TYPES.stream().map(type -> new Entry(List.of(type.name(),
                type.implementation().getSimpleName()), type.implementation(), settings(type.settings()))).toList();
    }

    /** The callback classes an experiment file does not list (those every run has), and why, by class. */
    public static Map<Class<?>, String> unlistedCallbacks() {
        Map<Class<?>, String> out = new LinkedHashMap<>();
        CallbackSpec.UNLISTED.forEach(unlisted -> out.put(unlisted.implementation(), unlisted.reason()));
        return out;
    }

    /** The schedules a {@code learning_rate_scheduler} callback names, stepped once per epoch. */
    public static List<Entry> schedules() {
        return ScheduleSpec.TYPES.stream().map(type -> new Entry(List.of(type.name()), type.implementation(),
                settings(type.settings()))).toList();
    }

    private static List<Argument> settings(List<Setting> settings) {
        return settings.stream().map(s -> new Argument(s.name(), List.of(), s.kind().description(), s.required(),
                s.defaultValue(), s.defaultFrom(), s.choices())).toList();
    }

    private static List<Entry> grouped(List<String> names, Function<String, Class<?>> classOf) {
        Map<Class<?>, List<String>> byClass = new LinkedHashMap<>();
        names.forEach(name -> byClass.computeIfAbsent(classOf.apply(name), c -> new ArrayList<>()).add(name));
        List<Entry> out = new ArrayList<>();
        byClass.forEach((implementation, known) -> out.add(new Entry(known, implementation, List.of())));
        return out;
    }
}
