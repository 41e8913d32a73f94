package dev.nabla.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One layer's arguments, checked against what the layer type declares ({@link LayerType#of}):
 * every key known (under its name or an alias), every value of the declared kind. A type's
 * factory then reads typed values by the arguments' own names, with defaults:
 *
 * <pre>{@code
 * arguments -> new Scale(arguments.integer("units"), arguments.number("factor", 1f))
 * }</pre>
 *
 * <p>A required argument that is missing, or a choice that is not among the allowed ones,
 * throws a {@link LayerSpecException} naming it. Values are what a JSON or YAML parser
 * produces (Integer, Long, Double, Boolean, String, List, Map); null counts as not given.
 */
public final class Arguments {

    /** The kinds of value an argument may hold, with how messages name them. */
    enum Kind {
        INT("an integer"), FLOAT("a number"), BOOL("true or false"), STRING("a string"),
        INTS("an integer or a list of integers"), PADDING("an integer, a list of integers, \"same\" or \"valid\""),
        LIST("a list"), MAP("an object");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** A declared argument: its name, the other names it accepts, and its kind. */
    record Declared(String name, List<String> aliases, Kind kind) {
    }

    private final String layer;
    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> givenAs = new LinkedHashMap<>();
    /** What the factory fell back to for each argument it read with a default, for {@link LayerTypeProbe}. */
    private final Map<String, Object> fallbacks = new LinkedHashMap<>();
    private final Map<String, List<String>> choices = new LinkedHashMap<>();

    /** Checks {@code given} against the declared arguments of {@code layer}, keyed by their names. */
    Arguments(String layer, List<Declared> declarations, Map<String, Object> given) {
        this.layer = layer;
        Map<String, Declared> byAnyName = new LinkedHashMap<>();
        for (Declared d : declarations) {
            declared.put(d.name(), d);
            byAnyName.put(d.name(), d);
            d.aliases().forEach(alias -> byAnyName.put(alias, d));
        }
        given.forEach((key, value) -> {
            Declared d = byAnyName.get(key);
            if (d == null) {
                throw new LayerSpecException(key, layer + ": argument '" + key + "' is not known; known: "
                        + String.join(", ", declared.keySet()) + Suggestions.didYouMean(key, byAnyName.keySet()));
            }
            if (value == null) {
                return;
            }
            if (givenAs.containsKey(d.name())) {
                throw new LayerSpecException(key, layer + ": argument '" + key + "' repeats '" + givenAs.get(d.name())
                        + "' (the same argument under another name); give one of them");
            }
            if (!fits(d.kind(), value)) {
                throw new LayerSpecException(key, layer + ": argument '" + key + "' must be " + d.kind().description
                        + ", got " + show(value));
            }
            values.put(d.name(), value);
            givenAs.put(d.name(), key);
        });
    }

    /**
     * Declarations from a signature such as {@code "out_channels|filters: int, use_bias: bool"}.
     *
     * @throws IllegalArgumentException for a malformed signature, naming the layer type and the part
     */
    static List<Declared> signature(String layer, String text) {
        List<Declared> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] nameAndKind = part.split(":");
            List<String> names = nameAndKind.length == 2 ? List.of(nameAndKind[0].trim()
                    .split("\\s*\\|\\s*")) : List.of();
            Kind kind = nameAndKind.length == 2 ? kindNamed(nameAndKind[1].trim()) : null;
            if (kind == null || names.stream().anyMatch(n -> !n.matches("[A-Za-z][A-Za-z0-9_]*"))) {
                throw new IllegalArgumentException(layer + ": cannot read the argument declaration '" + part.trim()
                        + "'; write 'name: kind' or 'name|other_name: kind', the kind one of "
                        + Arrays.stream(Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
            }
            out.add(new Declared(names.get(0), names.subList(1, names.size()), kind));
        }
        return out;
    }

    private static Kind kindNamed(String text) {
        return Arrays.stream(Kind.values()).filter(k -> k.name().equalsIgnoreCase(text)).findFirst().orElse(null);
    }

    private static boolean fits(Kind kind, Object value) {
        return switch (kind) {
            case INT -> isInt(value);
            case FLOAT -> value instanceof Number n && Float.isFinite(n.floatValue());
            case BOOL -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case INTS -> isInt(value) || value instanceof List<?> list && list.stream().allMatch(Arguments::isInt);
            case PADDING -> fits(Kind.INTS, value) || value instanceof String s
                    && (s.equalsIgnoreCase("same") || s.equalsIgnoreCase("valid"));
            case LIST -> value instanceof List<?>;
            case MAP -> value instanceof Map<?, ?>;
        };
    }

    private static boolean isInt(Object value) {
        return (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)
                && ((Number) value).longValue() == ((Number) value).intValue();
    }

    /** A value for messages: strings quoted, others as written. */
    static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\" (a string)" : value instanceof Map<?, ?> ? "an object "
                + value : value instanceof List<?> ? "the list " + value : String.valueOf(value);
    }

    /** The layer type as the caller named it, for messages. */
    public String layer() {
        return layer;
    }

    /** Whether the argument was given. */
    public boolean has(String name) {
        return values.containsKey(check(name));
    }

    /** A required integer. */
    public int integer(String name) {
        return ((Number) required(name)).intValue();
    }

    /** An integer, or {@code fallback} when not given. */
    public int integer(String name, int fallback) {
        fallbacks.put(name, fallback);
        return has(name) ? integer(name) : fallback;
    }

    /** A required number. */
    public float number(String name) {
        return ((Number) required(name)).floatValue();
    }

    /** A number, or {@code fallback} when not given. */
    public float number(String name, float fallback) {
        fallbacks.put(name, fallback);
        return has(name) ? ((Number) values.get(name)).floatValue() : fallback;
    }

    /** A boolean, or {@code fallback} when not given. */
    public boolean flag(String name, boolean fallback) {
        fallbacks.put(name, fallback);
        return has(name) ? (Boolean) values.get(name) : fallback;
    }

    /** One of {@code choices} (case-insensitive, returned in lower case), or {@code fallback} when not given. */
    public String choice(String name, String fallback, String... choices) {
        fallbacks.put(name, fallback);
        this.choices.put(name, List.of(choices));
        if (!has(name)) {
            return fallback;
        }
        String value = ((String) values.get(name)).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(choices).contains(value)) {
            throw new LayerSpecException(givenAs.get(name),
                    layer + ": argument '" + givenAs.get(name) + "' must be one of "
                    + String.join(", ", choices) + ", got \"" + values.get(name) + "\"");
        }
        return value;
    }

    /**
     * Sizes given as one integer (repeated {@code count} times) or as a list of {@code count}
     * integers; {@code count} -1 takes a list of any length (and one integer as a list of one).
     */
    public int[] integers(String name, int count) {
        Object value = required(name);
        if (value instanceof List<?> list) {
            if (count >= 0 && list.size() != count) {
                throw new LayerSpecException(givenAs.get(name), layer + ": argument '" + givenAs.get(name) + "' needs "
                        + (count == 1 ? "one integer" : count + " integers or one") + ", got " + list.size() + ": " + list);
            }
            return list.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        }
        int[] out = new int[Math.max(count, 1)];
        Arrays.fill(out, ((Number) value).intValue());
        return out;
    }

    /** Sizes as {@link #integers}, or {@code fallback} when not given. */
    public int[] integers(String name, int count, int[] fallback) {
        fallbacks.put(name, fallback.length == 1 ? (Object) fallback[0] : Arrays.stream(fallback).boxed().toList());
        return has(name) ? integers(name, count) : fallback;
    }

    /** The value as given (a string, list or map), or null. */
    public Object raw(String name) {
        return values.get(check(name));
    }

    /** The name the caller used for an argument, for messages (its alias, if given so). */
    public String keyOf(String name) {
        return givenAs.getOrDefault(check(name), name);
    }

    /** The defaults the factory read so far, by argument name (sizes as a number or a list). */
    Map<String, Object> fallbacks() {
        return fallbacks;
    }

    /** The allowed values of the string arguments read as a choice, by argument name. */
    Map<String, List<String>> choices() {
        return choices;
    }

    /** Whether the type declares the argument (a record's component may be left out of a type, {@link LayerType}). */
    boolean declares(String name) {
        return declared.containsKey(name);
    }

    /** Notes the default a factory used for an argument not given, for {@link LayerTypeProbe}. */
    void noteFallback(String name, Object value) {
        fallbacks.put(name, value);
    }

    /** Notes the values a string argument accepts, for {@link LayerTypeProbe}. */
    void noteChoices(String name, List<String> allowed) {
        choices.put(name, List.copyOf(allowed));
    }

    /** The value of a required argument, as given. */
    Object required(String name) {
        Object value = values.get(check(name));
        if (value == null) {
            throw new LayerSpecException(name, layer + ": argument '" + name + "' is required ("
                    + declared.get(name).kind().description + ")");
        }
        return value;
    }

    private String check(String name) {
        if (!declared.containsKey(name)) {
            throw new IllegalStateException(layer + " reads the undeclared argument '" + name + "'");
        }
        return name;
    }
}
