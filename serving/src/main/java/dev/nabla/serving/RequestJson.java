package dev.nabla.serving;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for inference requests, built for their one large part: arrays of
 * numbers become a {@link Numbers} (floats, and the integers when every element is one)
 * without boxing, each float correctly rounded from its decimal text. Objects become
 * {@link LinkedHashMap}s, other arrays {@link List}s, strings {@link String}s, other numbers
 * {@link Double}s, and {@code true}, {@code false}, {@code null} themselves. Malformed text is
 * a {@link ServingException} (400) naming the byte offset.
 */
final class RequestJson {

    /** An array whose elements are all numbers: each as a float, and as a long when all are integers (else null). */
    record Numbers(float[] floats, long[] integers) {
        int size() {
            return floats.length;
        }
    }

    private static final int MAX_DEPTH = 64;
    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    /** 10^0 … 10^22, each exact in a double. */
    private static final double[] DOUBLE_POWERS_OF_TEN = java.util.stream.IntStream.rangeClosed(0, 22)
            .mapToDouble(k -> Double.parseDouble("1e" + k)).toArray();
    /** A double's mantissa bits below a float's precision, and their value halfway between two floats. */
    private static final long BELOW_FLOAT = (1L << 29) - 1;
    private static final long FLOAT_HALFWAY = 1L << 28;

    private final byte[] bytes;
    private int position;
    /** Scratch for the numbers of the array being read. */
    private static final int NO_NUMBER = 0;
    private static final int INTEGER = 1;
    private static final int FLOAT = 2;
    private static final int TEXT = 3;
    private long integerValue;
    private float floatValue;
    private float[] floats = new float[1024];
    private long[] integers = new long[1024];

    private RequestJson(byte[] bytes) {
        this.bytes = bytes;
    }

    static Object parse(byte[] bytes) {
        RequestJson reader = new RequestJson(bytes);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < bytes.length) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= bytes.length) {
            throw error("the text ends where a value should start");
        }
        return switch (bytes[position]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N', 'I' -> throw error("NaN and Infinity are not JSON numbers; FP32 data must be finite");
            default -> {
                int start = position;
                int kind = number();
                if (kind == NO_NUMBER) {
                    throw error("expected a value, found '" + (char) bytes[start] + "'");
                }
                yield kind == INTEGER ? (Number) integerValue : kind == FLOAT ? (Number) floatValue
                        : (Number) Double.parseDouble(text(start, position));
            }
        };
    }

    private Map<String, Object> object(int depth) {
        position++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int keyAt = position;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (members.containsKey(key)) {
                position = keyAt;
                throw error("the member \"" + key + "\" appears twice");
            }
            members.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private Object array(int depth) {
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return new Numbers(new float[0], new long[0]);
        }
        Object numbers = numbers();
        if (numbers != null) {
            return numbers;
        }
        List<Object> elements = new ArrayList<>();
        while (true) {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect(']');
                return elements;
            }
        }
    }

    /** The array from here when all its elements are numbers; else null, with the position back at its first element. */
    private Numbers numbers() {
        int start = position;
        int count = 0;
        boolean allIntegers = true;
        while (true) {
            skipWhitespace();
            int at = position;
            int kind = number();
            if (kind == NO_NUMBER) {
                position = start;
                return null;
            }
            if (count == floats.length) {
                floats = java.util.Arrays.copyOf(floats, count * 2);
                integers = java.util.Arrays.copyOf(integers, count * 2);
            }
            if (kind == INTEGER) {
                integers[count] = integerValue;
                floats[count] = integerValue;
            } else {
                allIntegers = false;
                floats[count] = kind == FLOAT ? floatValue : Float.parseFloat(text(at, position));
            }
            count++;
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else if (peek() == ']') {
                position++;
                return new Numbers(java.util.Arrays.copyOf(floats, count),
                        allIntegers ? java.util.Arrays.copyOf(integers, count) : null);
            } else {
                position = start;
                return null;
            }
        }
    }

    /**
     * The kind of number from here, read without boxing: {@link #INTEGER} for an integer that
     * fits (in {@link #integerValue}), {@link #FLOAT} when the decimal's float is known exactly (in
     * {@link #floatValue}), {@link #TEXT} when the caller parses the text, {@link #NO_NUMBER}
     * (position unmoved) when no number starts here.
     */
    private int number() {
        int start = position;
        boolean negative = peek() == '-';
        if (negative) {
            position++;
        }
        if (!isDigit(peek())) {
            position = start;
            return NO_NUMBER;
        }
        if (peek() == '0' && position + 1 < bytes.length && isDigit(bytes[position + 1])) {
            throw error("a number may not start with 0 followed by digits");
        }
        long significand = 0;
        int digits = 0;
        int scale = 0;
        while (isDigit(peek())) {
            significand = digits < 18 ? significand * 10 + (bytes[position] - '0') : significand;
            scale += digits++ < 18 ? 0 : 1;
            position++;
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            position++;
            if (!isDigit(peek())) {
                throw error("a digit must follow the decimal point");
            }
            while (isDigit(peek())) {
                if (digits++ < 18) {
                    significand = significand * 10 + (bytes[position] - '0');
                    scale--;
                }
                position++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("a digit must follow the exponent's 'e'");
            }
            while (isDigit(peek())) {
                position++;
            }
            return TEXT;   // rare in tensors: parsed from the text
        }
        if (integer && digits <= 18) {
            integerValue = negative ? -significand : significand;
            return INTEGER;
        }
        if (significand < (1 << 24) && scale <= 0 && scale >= -10 && digits <= 18) {
            float value = significand / POWERS_OF_TEN[-scale];
            floatValue = negative ? -value : value;
            return FLOAT;
        }
        if (significand < (1L << 53) && scale <= 0 && scale >= -22 && digits <= 18) {
            // Exact operands, so the quotient is the decimal's nearest double; its nearest float is
            // the decimal's own unless the double fell exactly halfway between two floats, where
            // the text decides (the shortest text of a float often has 8 or 9 digits, past 2^24).
            double quotient = significand / DOUBLE_POWERS_OF_TEN[-scale];
            if ((Double.doubleToRawLongBits(quotient) & BELOW_FLOAT) != FLOAT_HALFWAY) {
                float value = (float) quotient;
                floatValue = negative ? -value : value;
                return FLOAT;
            }
        }
        return TEXT;
    }

    private String string() {
        position++;
        StringBuilder out = null;
        int start = position;
        while (true) {
            if (position >= bytes.length) {
                throw error("a string is not closed");
            }
            byte b = bytes[position];
            if (b == '"') {
                String tail = new String(bytes, start, position - start, StandardCharsets.UTF_8);
                position++;
                return out == null ? tail : out.append(tail).toString();
            }
            if (b >= 0 && b < 0x20) {
                throw error("a control character must be escaped in a string");
            }
            if (b == '\\') {
                out = (out == null ? new StringBuilder() : out)
                        .append(new String(bytes, start, position - start, StandardCharsets.UTF_8));
                out.append(escape());
                start = position;
            } else {
                position++;
            }
        }
    }

    private char escape() {
        position++;
        byte b = position < bytes.length ? bytes[position++] : 0;
        return switch (b) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (position + 4 > bytes.length || !text(position, position + 4).matches("[0-9a-fA-F]{4}")) {
                    throw error("\\u must be followed by 4 hexadecimal digits");
                }
                position += 4;
                yield (char) Integer.parseInt(text(position - 4, position), 16);
            }
            default -> {
                position--;
                throw error("unknown escape in a string");
            }
        };
    }

    private Object literal(String word, Object value) {
        if (position + word.length() > bytes.length || !text(position, position + word.length()).equals(word)) {
            throw error("expected a value");
        }
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(position >= bytes.length ? "the text ends where '" + c + "' should be" : "expected '" + c + "'");
        }
        position++;
    }

    private int peek() {
        return position < bytes.length ? bytes[position] : -1;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private void skipWhitespace() {
        while (position < bytes.length && (bytes[position] == ' ' || bytes[position] == '\n'
                || bytes[position] == '\r' || bytes[position] == '\t')) {
            position++;
        }
    }

    private String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    private ServingException error(String what) {
        return new ServingException(400, "malformed JSON at byte " + position + ": " + what);
    }
}
