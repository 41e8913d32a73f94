package dev.nabla.loss;

import dev.nabla.tensor.Names;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The built-in losses' options by their Keras and PyTorch names, for configuring a loss from
 * text (an experiment file's {@code loss: {name: ..., from_logits: true}}, a model file):
 * {@code from_logits}, {@code label_smoothing}, {@code class_weights} (PyTorch's
 * {@code weight}), {@code pos_weight}, {@code ignore_index}, {@code gamma}, {@code alpha},
 * {@code delta}, {@code beta}, {@code log_target}, {@code input} (KL divergence's
 * probabilities, log_probabilities or logits), {@code elementwise} (KL divergence's values per
 * element, so that {@code mean} is PyTorch's {@code 'mean'} rather than its {@code 'batchmean'})
 * and {@code reduction} (mean, sum, none).
 * Names are matched ignoring case and underscores, so {@code fromLogits} works too.
 *
 * <p>Values are Booleans, Numbers, Strings or lists of Numbers (a per-class tensor), as a
 * YAML or JSON reader gives them.
 */
public final class LossOptions {

    /** How one option is set on one loss type. */
    private record Setter<L extends Loss>(Class<L> type, BiFunction<L, Object, Loss> set) {
        Loss apply(Loss loss, Object value) {
            return set.apply(type.cast(loss), value);
        }
    }

    private static final Map<String, List<Setter<?>>> OPTIONS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("weight", "class_weights",
            "positive_weight", "pos_weight", "class_weight", "class_weights");

    static {
        option("from_logits",
                on(BinaryCrossEntropy.class, (l, v) -> l.fromLogits(bool(v))),
                on(BinaryFocalLoss.class, (l, v) -> l.fromLogits(bool(v))),
                on(CategoricalCrossEntropy.class, (l, v) -> l.fromLogits(bool(v))),
                on(SparseCategoricalCrossEntropy.class, (l, v) -> l.fromLogits(bool(v))),
                on(CategoricalFocalLoss.class, (l, v) -> l.fromLogits(bool(v))),
                on(KullbackLeiblerDivergence.class, (l, v) -> l.fromLogits(bool(v))));
        option("label_smoothing",
                on(BinaryCrossEntropy.class, (l, v) -> l.labelSmoothing(number(v))),
                on(CategoricalCrossEntropy.class, (l, v) -> l.labelSmoothing(number(v))),
                on(SparseCategoricalCrossEntropy.class, (l, v) -> l.labelSmoothing(number(v))));
        option("class_weights",
                on(CategoricalCrossEntropy.class, (l, v) -> l.classWeights(vector(v))),
                on(SparseCategoricalCrossEntropy.class, (l, v) -> l.classWeights(vector(v))));
        option("pos_weight", on(BinaryCrossEntropy.class, (l, v) -> l.positiveWeight(vector(v))));
        option("ignore_index", on(SparseCategoricalCrossEntropy.class, (l, v) -> l.ignoreIndex(integer(v))));
        option("gamma",
                on(BinaryFocalLoss.class, (l, v) -> l.gamma(number(v))),
                on(CategoricalFocalLoss.class, (l, v) -> l.gamma(number(v))));
        option("alpha",
                on(BinaryFocalLoss.class, (l, v) -> l.alpha(number(v))),
                on(CategoricalFocalLoss.class, (l, v) -> v instanceof List<?> ? l.alpha(vector(v)) : l.alpha(number(v))));
        option("delta", on(Huber.class, (l, v) -> new Huber(number(v), l.reduction())));
        option("beta", on(SmoothL1.class, (l, v) -> new SmoothL1(number(v), l.reduction())));
        option("log_target", on(KullbackLeiblerDivergence.class, (l, v) -> l.logTarget(bool(v))));
        option("elementwise", on(KullbackLeiblerDivergence.class, (l, v) -> l.elementwise(bool(v))));
        option("input", on(KullbackLeiblerDivergence.class, (l, v) -> l.input(
                KullbackLeiblerDivergence.Input.valueOf(choice(v, "probabilities", "log_probabilities", "logits")))));
    }

    /** What each option takes, for its description: the kind of value and, for a choice, the choices. */
    private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("from_logits", "a boolean"),
            Map.entry("label_smoothing", "a number"), Map.entry("class_weights", "a list of numbers"),
            Map.entry("pos_weight", "a number or a list of numbers"), Map.entry("ignore_index", "an integer"),
            Map.entry("gamma", "a number"), Map.entry("alpha", "a number"), Map.entry("delta", "a number"),
            Map.entry("beta", "a number"), Map.entry("log_target", "a boolean"), Map.entry("elementwise", "a boolean"), Map.entry("input", "a string"),
            Map.entry("reduction", "a string"));
    private static final Map<String, List<String>> CHOICES = Map.of(
            "input", List.of("probabilities", "log_probabilities", "logits"),
            "reduction", List.of("mean", "sum", "none"));
    /** The record component behind an option whose name differs from it in more than case and underscores. */
    private static final Map<String, String> COMPONENTS = Map.of("pos_weight", "positiveWeight");

    /**
     * One option of one loss, as the reference lists it.
     *
     * @param name         its snake-case name
     * @param kind         the kind of value ({@code a number})
     * @param defaultValue the loss's value when not given (a Boolean, Number or String), or null for none
     * @param choices      the values a string takes, or empty
     */
    public record Description(String name, String kind, Object defaultValue, List<String> choices) {
    }

    private LossOptions() {
    }

    /** The options {@code loss} takes with their kinds and the values {@code loss} has for them (its defaults when new). */
    public static List<Description> describe(Loss loss) {
        return names(loss).stream().map(name -> new Description(name, KINDS.get(name), valueOf(loss, name),
                CHOICES.getOrDefault(name, List.of()))).toList();
    }

    /** The loss's value of an option (its accessor), as a plain value: enums in lower case, one-value tensors as numbers. */
    private static Object valueOf(Loss loss, String option) {
        String accessor = Names.normalized(COMPONENTS.getOrDefault(option, option));
        for (java.lang.reflect.Method method : loss.getClass().getMethods()) {
            if (method.getParameterCount() == 0 && Names.normalized(method.getName()).equals(accessor)) {
                try {
                    Object value = method.invoke(loss);
                    return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT)
                            : value instanceof Tensor t ? (t.size() == 1 ? (Object) t.item() : null) : value;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + method.getName() + " of " + loss, e);
                }
            }
        }
        return null;
    }

    /**
     * {@code loss} with each option set, in order.
     *
     * @throws IllegalArgumentException naming the option for an unknown option, one the loss does
     *                                  not take (listing those it does), or a value of the wrong kind
     */
    public static Loss apply(Loss loss, Map<String, ?> options) {
        Loss out = loss;
        for (Map.Entry<String, ?> option : options.entrySet()) {
            out = set(out, option.getKey(), option.getValue());
        }
        return out;
    }

    /** The options {@code loss} takes, by their snake-case names; {@code reduction} is always among them. */
    public static List<String> names(Loss loss) {
        List<String> names = new ArrayList<>();
        OPTIONS.forEach((name, setters) -> {
            if (setters.stream().anyMatch(s -> s.type().isInstance(loss))) {
                names.add(name);
            }
        });
        names.add("reduction");
        return names;
    }

    private static Loss set(Loss loss, String option, Object value) {
        String name = canonical(option);
        String lossName = loss.getClass().getSimpleName();
        try {
            if (name.equals("reduction")) {
                return loss.withReduction(Reduction.valueOf(choice(value, "mean", "sum", "none")));
            }
            for (Setter<?> setter : OPTIONS.getOrDefault(name, List.of())) {
                if (setter.type().isInstance(loss)) {
                    return setter.apply(loss, value);
                }
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            String problem = e.getMessage().startsWith(lossName + ": ")
                    ? e.getMessage().substring(lossName.length() + 2) : e.getMessage();
            throw new IllegalArgumentException(lossName + " option '" + option + "': " + problem, e);
        }
        throw new IllegalArgumentException(lossName + " has no option '" + option + "'; it takes: "
                + String.join(", ", names(loss)));
    }

    /** The snake-case name of an option written in any case, with or without underscores; the input when unknown. */
    private static String canonical(String option) {
        String key = Names.normalized(option);
        for (String name : OPTIONS.keySet()) {
            if (Names.normalized(name).equals(key)) {
                return name;
            }
        }
        if (key.equals("reduction")) {
            return key;
        }
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            if (Names.normalized(alias.getKey()).equals(key)) {
                return alias.getValue();
            }
        }
        return option;
    }

    @SafeVarargs
    private static void option(String name, Setter<?>... setters) {
        OPTIONS.put(name, List.of(setters));
    }

    private static <L extends Loss> Setter<L> on(Class<L> type, BiFunction<L, Object, Loss> set) {
        return new Setter<>(type, set);
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected true or false, got " + describe(value));
    }

    private static float number(Object value) {
        if (value instanceof Number n) {
            return n.floatValue();
        }
        throw new IllegalArgumentException("expected a number, got " + describe(value));
    }

    private static int integer(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("expected a whole number, got " + describe(value));
    }

    /** A number, or a list of numbers (one per class), as a tensor. */
    private static Tensor vector(Object value) {
        if (value instanceof Number n) {
            return Tensor.of(n.floatValue());
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            float[] values = new float[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = number(list.get(i));
            }
            return Tensor.of(values);
        }
        throw new IllegalArgumentException("expected a number or a list of numbers (one per class), got "
                + describe(value));
    }

    /** One of {@code choices} (any case), as the upper-case enum constant name. */
    private static String choice(Object value, String... choices) {
        for (String c : choices) {
            if (value instanceof String s && s.equalsIgnoreCase(c)) {
                return c.toUpperCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", choices) + ", got "
                + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
