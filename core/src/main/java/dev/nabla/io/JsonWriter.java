package dev.nabla.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON that {@link JsonReader} reads, compact, on one line or indented: maps (in
 * their iteration order) as objects, lists as arrays, strings, integral numbers, booleans and
 * null; doubles and floats in the shortest form that reads back to the same value
 * ({@code 0.1f} as {@code 0.1}, so a reader parsing a double and narrowing it to a float gets
 * the float back). NaN and the infinities have no JSON form and are refused
 * ({@link #finiteOrNull} makes them null). Non-ASCII characters are written as themselves (the
 * caller encodes the text as UTF-8); control characters are escaped, and a string with an
 * unpaired surrogate, which has no UTF-8 form, is refused.
 */
public final class JsonWriter {

    /** How the text is laid out. */
    private enum Layout { COMPACT, LINE, INDENTED }

    private JsonWriter() {
    }

    /** The compact JSON text of {@code value}: {@code {"loss":0.25,"sizes":[2,3]}}. */
    public static String write(Object value) {
        return write(value, Layout.COMPACT);
    }

    /** The JSON text of {@code value} on one line, as people write it: {@code {"loss": 0.25, "sizes": [2, 3]}}. */
    public static String writeLine(Object value) {
        return write(value, Layout.LINE);
    }

    /**
     * The JSON text of {@code value} laid out for people to read: objects and arrays of them
     * indented two spaces per level, arrays of numbers and strings on one line.
     */
    public static String writeIndented(Object value) {
        return write(value, Layout.INDENTED) + "\n";
    }

    /**
     * The values in the same order, each that JSON cannot hold (NaN, ±∞) as null: for metrics,
     * where a diverged loss or an undefined AUC is a result, not an error.
     */
    public static Map<String, Double> finiteOrNull(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, value != null && Double.isFinite(value) ? value : null));
        return out;
    }

    private static String write(Object value, Layout layout) {
        StringBuilder out = new StringBuilder();
        append(out, value, layout, 0);
        return out.toString();
    }

    /** Appends {@code value}; {@code depth} is the indentation level of an indented layout. */
    private static void append(StringBuilder out, Object value, Layout layout, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Long n -> out.append(n.longValue());
            case Integer n -> out.append(n.intValue());
            case Boolean b -> out.append(b.booleanValue());
            case Double d -> out.append(finite(d, Double.toString(d)));
            case Float f -> out.append(finite(f, shortest(f)));
            case Map<?, ?> map -> {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    separate(out, i++, layout, depth);
                    appendString(out, (String) member.getKey());
                    out.append(layout == Layout.COMPACT ? ":" : ": ");
                    append(out, member.getValue(), layout, depth + 1);
                }
                close(out, '}', !map.isEmpty(), layout, depth);
            }
            case List<?> list when layout == Layout.INDENTED
                    && list.stream().noneMatch(v -> v instanceof Map || v instanceof List) ->
                // Numbers and strings stay on one line, [3, 1], as people write them.
                append(out, list, Layout.LINE, depth);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    separate(out, i, layout, depth);
                    append(out, list.get(i), layout, depth + 1);
                }
                close(out, ']', !list.isEmpty(), layout, depth);
            }
            default -> throw new IllegalArgumentException("JsonWriter: cannot write a " + value.getClass().getName());
        }
    }

    private static void separate(StringBuilder out, int index, Layout layout, int depth) {
        out.append(index > 0 ? "," : "");
        if (layout == Layout.INDENTED) {
            out.append('\n').append("  ".repeat(depth + 1));
        } else if (layout == Layout.LINE && index > 0) {
            out.append(' ');
        }
    }

    private static void close(StringBuilder out, char bracket, boolean hasMembers, Layout layout, int depth) {
        if (layout == Layout.INDENTED && hasMembers) {
            out.append('\n').append("  ".repeat(depth));
        }
        out.append(bracket);
    }

    private static String finite(double value, String text) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JsonWriter: " + value + " has no JSON form (only finite numbers do)");
        }
        return text;
    }

    /** Float.toString's shortest digits; in the rare case reading them as a double and narrowing differs, the exact double. */
    private static String shortest(float f) {
        String text = Float.toString(f);
        return Float.isFinite(f) && (float) Double.parseDouble(text) != f ? Double.toString(f) : text;
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                        throw new IllegalArgumentException("JsonWriter: the string \"" + s
                                + "\" holds an unpaired surrogate, which UTF-8 cannot encode");
                    }
                    out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
        }
        out.append('"');
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
