package dev.nabla.io;

import java.util.List;
import java.util.Map;

/**
 * Writes the JSON that {@link JsonReader} reads: maps (in their iteration order) as
 * objects, lists as arrays, strings, integral numbers, booleans and null; doubles and floats
 * in the shortest form that reads back to the same value ({@code 0.1f} as {@code 0.1}, so a
 * reader parsing a double and narrowing it to a float gets the float back). NaN and the
 * infinities have no JSON form and are refused. Non-ASCII characters are written as
 * themselves (the caller encodes the text as UTF-8); control characters are escaped, and a
 * string with an unpaired surrogate, which has no UTF-8 form, is refused.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /** The compact JSON text of {@code value}. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, -1);
        return out.toString();
    }

    /**
     * The JSON text of {@code value} laid out for people to read: objects and arrays of them
     * indented two spaces per level, arrays of numbers and strings on one line.
     */
    static String writeIndented(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.append('\n').toString();
    }

    /** Appends {@code value}; {@code depth} is the indentation level, or -1 for compact output. */
    private static void append(StringBuilder out, Object value, int depth) {
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
                    separate(out, i++, depth);
                    appendString(out, (String) member.getKey());
                    out.append(depth < 0 ? ":" : ": ");
                    append(out, member.getValue(), depth < 0 ? -1 : depth + 1);
                }
                close(out, '}', !map.isEmpty(), depth);
            }
            case List<?> list when depth >= 0 && list.stream().noneMatch(v -> v instanceof Map || v instanceof List) -> {
                // Numbers and strings stay on one line, [3, 1], as people write them.
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    append(out, list.get(i), -1);
                }
                out.append(']');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    separate(out, i, depth);
                    append(out, list.get(i), depth < 0 ? -1 : depth + 1);
                }
                close(out, ']', !list.isEmpty(), depth);
            }
            default -> throw new IllegalArgumentException("JsonWriter: cannot write a " + value.getClass().getName());
        }
    }

    private static void separate(StringBuilder out, int index, int depth) {
        out.append(index > 0 ? "," : "");
        if (depth >= 0) {
            out.append('\n').append("  ".repeat(depth + 1));
        }
    }

    private static void close(StringBuilder out, char bracket, boolean hasMembers, int depth) {
        if (depth >= 0 && hasMembers) {
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
