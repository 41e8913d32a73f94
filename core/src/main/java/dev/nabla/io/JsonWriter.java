package dev.nabla.io;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON that {@link JsonReader} reads: maps (in their iteration order) as
 * objects, lists as arrays, strings and integral numbers. Non-ASCII characters are written
 * as themselves (the caller encodes the text as UTF-8); control characters are escaped,
 * and a string with an unpaired surrogate, which has no UTF-8 form, is refused.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /** The compact JSON text of {@code value}. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case String s -> appendString(out, s);
            case Long n -> out.append(n.longValue());
            case Integer n -> out.append(n.intValue());
            case Map<?, ?> map -> {
                out.append('{');
                for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<?, ?> member = it.next();
                    appendString(out, (String) member.getKey());
                    out.append(':');
                    append(out, member.getValue());
                    out.append(it.hasNext() ? "," : "");
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? "," : "");
                    append(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("JsonWriter: cannot write a " + value.getClass().getName());
        }
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
