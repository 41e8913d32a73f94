package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One setting of a callback or a learning-rate schedule in an experiment file: its name, the
 * kind of value, and its default. The same declaration reads the file and describes the
 * setting in the reference, so the two cannot disagree.
 *
 * @param name         the key, in snake case ({@code patience})
 * @param kind         the kind of value
 * @param defaultValue the value when the key is not given (Integer, Double, Boolean, String), or null
 * @param defaultFrom  the other value it takes when not given ({@code training.epochs}), or null; required
 *                     where the reader knows no such value
 * @param choices      the values a string setting accepts, or empty
 */
public record Setting(String name, Kind kind, Object defaultValue, String defaultFrom, List<String> choices) {

    /** The kinds of value, with how the reference names them. */
    public enum Kind {
        INTEGER("an integer"), STEPS("an integer of at least 1"), NUMBER("a number"), BOOLEAN("true or false"),
        STRING("a string"), INTEGERS("a list of integers"),
        STRINGS("a list of strings");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** How the reference names the kind: {@code an integer}. */
        public String description() {
            return description;
        }
    }

    /** Copies the choices. */
    public Setting {
        choices = List.copyOf(choices);
    }

    /** A setting that must be given. */
    static Setting required(String name, Kind kind) {
        return new Setting(name, kind, null, null, List.of());
    }

    /** A setting with a default value. */
    static Setting optional(String name, Kind kind, Object defaultValue) {
        return new Setting(name, kind, defaultValue, null, List.of());
    }

    /** A setting that takes the value of {@code other} (a key of the context) unless given. */
    static Setting following(String name, Kind kind, String other) {
        return new Setting(name, kind, null, other, List.of());
    }

    /** A string setting with a default among its {@code choices}, or required when {@code defaultValue} is null. */
    static Setting choice(String name, String defaultValue, Collection<String> choices) {
        return new Setting(name, Kind.STRING, defaultValue, null, List.copyOf(choices));
    }

    /** Whether the setting must be given. */
    public boolean required() {
        return defaultValue == null && defaultFrom == null;
    }

    /**
     * The values of {@code settings} in {@code map}, defaults filled in, in declaration order;
     * {@code context} holds the values that {@link #defaultFrom} names. Keys other than the
     * settings and {@code alsoAllowed} are refused.
     */
    static Map<String, Object> read(ConfigMap map, List<Setting> settings, Map<String, Object> context,
                                    List<String> alsoAllowed) {
        List<String> known = new ArrayList<>(alsoAllowed);
        settings.forEach(s -> known.add(s.name()));
        map.allowOnly(known);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting setting : settings) {
            boolean hasDefault = setting.defaultValue() != null
                    || setting.defaultFrom() != null && context.containsKey(setting.defaultFrom());
            ConfigNode node = hasDefault ? map.get(setting.name()) : map.require(setting.name());
            values.put(setting.name(), node != null ? setting.value(node)
                    : setting.defaultFrom() == null ? setting.defaultValue() : context.get(setting.defaultFrom()));
        }
        return values;
    }

    /** A value as {@code config.resolved.yaml} writes it: a number as the decimal it was written as. */
    static Object resolved(Object value) {
        return value instanceof Double number ? Experiment.decimal(number.floatValue()) : value;
    }

    private Object value(ConfigNode node) {
        Object value = switch (kind) {
            case INTEGER -> node.asInt(0);
            case STEPS -> node.asInt(1);
            case NUMBER -> node.asDouble();
            case BOOLEAN -> node.asBoolean();
            case STRING -> node.asString();
            case INTEGERS -> node.asListOrOne().stream().map(n -> n.asInt(0)).toList();
            case STRINGS -> node.asListOrOne().stream().map(ConfigNode::asString).toList();
        };
        if (!choices.isEmpty() && !choices.contains(value)) {
            throw node.error("expected one of " + String.join(", ", choices) + ", got " + node.describe());
        }
        return value;
    }
}
