package dev.nabla.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader in two modes. {@link #parse} reads what a safetensors header may
 * hold: objects, arrays, strings with escapes and integers, nothing else (no fractions,
 * true, false or null). {@link #parseDocument} reads the whole JSON grammar, for model
 * configurations: also numbers with fractions or exponents (as {@link Double}s, correctly
 * rounded), {@code true}, {@code false} and {@code null}. Objects become
 * {@link LinkedHashMap}s in file order, arrays {@link List}s, integers {@link Long}s.
 * Anything malformed, including a duplicate key, is an {@link IOException} naming the byte
 * offset.
 */
public final class JsonReader {

    /** Deeper nesting than a safetensors header needs is refused rather than risking the stack. */
    private static final int MAX_HEADER_DEPTH = 32;
    /** Model configurations nest containers in containers; still far from the stack's limit. */
    private static final int MAX_DOCUMENT_DEPTH = 256;

    private final byte[] bytes;
    private final boolean fullGrammar;
    private final String document;
    private int position;

    private JsonReader(byte[] bytes, boolean fullGrammar, String document) {
        this.bytes = bytes;
        this.fullGrammar = fullGrammar;
        this.document = document;
    }

    /** Parses one safetensors-header JSON value filling {@code bytes}, surrounded only by whitespace. */
    static Object parse(byte[] bytes) throws IOException {
        return parse(new JsonReader(bytes, false, "the header"));
    }

    /** Parses one JSON value of the full grammar filling {@code bytes}, surrounded only by whitespace. */
    public static Object parseDocument(byte[] bytes) throws IOException {
        return parse(new JsonReader(bytes, true, "the JSON text"));
    }

    private static Object parse(JsonReader reader) throws IOException {
        byte[] bytes = reader.bytes;
        checkUtf8(bytes, reader.document);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < bytes.length) {
            throw reader.error("unexpected " + reader.describeNext() + " after the end of the JSON value");
        }
        return value;
    }

    private static void checkUtf8(byte[] bytes, String document) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new IOException("invalid UTF-8 at byte " + in.position() + " of " + document);
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private Object value(int depth) throws IOException {
        int maxDepth = fullGrammar ? MAX_DOCUMENT_DEPTH : MAX_HEADER_DEPTH;
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth + " levels");
        }
        if (position >= bytes.length) {
            throw error("expected a value, found the end of " + document);
        }
        byte b = bytes[position];
        if (b == '{') {
            return object(depth);
        } else if (b == '[') {
            return array(depth);
        } else if (b == '"') {
            return string();
        } else if (b == '-' || (b >= '0' && b <= '9')) {
            return number();
        } else if (fullGrammar && (b == 't' || b == 'f' || b == 'n')) {
            return literal();
        }
        throw error(fullGrammar ? "expected a value, found " + describeNext()
                : "expected an object, array, string or integer, found " + describeNext());
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (consume('}')) {
            return members;
        }
        do {
            skipWhitespace();
            int keyStart = position;
            if (position >= bytes.length || bytes[position] != '"') {
                throw error("expected a string key, found " + describeNext());
            }
            String key = string();
            skipWhitespace();
            expect(':', "after the key \"" + key + "\"");
            skipWhitespace();
            Object value = value(depth + 1);
            if (members.putIfAbsent(key, value) != null) {
                throw new IOException("duplicate key \"" + key + "\" at byte " + keyStart + " of " + document);
            }
            skipWhitespace();
        } while (consume(','));
        expect('}', "to close the object");
        return members;
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (consume(']')) {
            return elements;
        }
        do {
            skipWhitespace();
            elements.add(value(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect(']', "to close the array");
        return elements;
    }

    private String string() throws IOException {
        position++;
        StringBuilder text = new StringBuilder();
        int runStart = position;
        while (true) {
            if (position >= bytes.length) {
                throw error("unterminated string");
            }
            byte b = bytes[position];
            if (b == '"' || b == '\\') {
                // Runs end only at ASCII bytes, so each run is whole UTF-8 (checked up front).
                text.append(new String(bytes, runStart, position - runStart, StandardCharsets.UTF_8));
                if (b == '"') {
                    position++;
                    return text.toString();
                }
                escape(text);
                runStart = position;
            } else if ((b & 0xff) < 0x20) {
                throw error("control character 0x" + Integer.toHexString(b) + " inside a string (escape it)");
            } else {
                position++;
            }
        }
    }

    private void escape(StringBuilder text) throws IOException {
        int start = position;
        position++;
        if (position >= bytes.length) {
            throw error("unterminated escape");
        }
        byte b = bytes[position++];
        int simple = "\"\\/bfnrt".indexOf(b);
        if (simple >= 0) {
            text.append("\"\\/\b\f\n\r\t".charAt(simple));
        } else if (b == 'u') {
            unicodeEscape(text, start);
        } else {
            position = start;
            throw error("invalid escape '\\" + (char) (b & 0xff) + "'");
        }
    }

    private void unicodeEscape(StringBuilder text, int start) throws IOException {
        char c = hexQuad();
        if (Character.isHighSurrogate(c) && position + 1 < bytes.length
                && bytes[position] == '\\' && bytes[position + 1] == 'u') {
            position += 2;
            char low = hexQuad();
            if (Character.isLowSurrogate(low)) {
                text.append(c).append(low);
                return;
            }
        }
        if (Character.isSurrogate(c)) {
            position = start;
            throw error("unpaired surrogate in a \\u escape");
        }
        text.append(c);
    }

    private char hexQuad() throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = position < bytes.length ? Character.digit(bytes[position], 16) : -1;
            if (digit < 0) {
                throw error("expected four hexadecimal digits after \\u, found " + describeNext());
            }
            value = value * 16 + digit;
            position++;
        }
        return (char) value;
    }

    /**
     * A number: in the header grammar an integer within a long; in the document grammar also
     * fractions, exponents and larger integers, as correctly rounded Doubles.
     */
    private Object number() throws IOException {
        int start = position;
        consume('-');
        int digitsStart = position;
        digits("after '-'");
        if (position - digitsStart > 1 && bytes[digitsStart] == '0') {
            position = digitsStart;
            throw error("leading zero in " + (fullGrammar ? "a number" : "an integer"));
        }
        boolean integral = position >= bytes.length
                || (bytes[position] != '.' && bytes[position] != 'e' && bytes[position] != 'E');
        if (!integral && !fullGrammar) {
            throw error("only integers are allowed, found a fraction or exponent");
        }
        if (consume('.')) {
            digits("after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            digits("in the exponent");
        }
        String text = new String(bytes, start, position - start, StandardCharsets.US_ASCII);
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyondLong) {
                if (!fullGrammar) {
                    position = start;
                    throw error("integer too large");
                }
            }
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            position = start;
            throw error("number " + text + " is out of range");
        }
        return value;
    }

    private void digits(String where) throws IOException {
        int start = position;
        while (position < bytes.length && bytes[position] >= '0' && bytes[position] <= '9') {
            position++;
        }
        if (position == start) {
            throw error("expected a digit " + where + ", found " + describeNext());
        }
    }

    private Object literal() throws IOException {
        for (String word : new String[] {"true", "false", "null"}) {
            byte[] expected = word.getBytes(StandardCharsets.US_ASCII);
            if (Arrays.equals(bytes, position, Math.min(position + expected.length, bytes.length), expected, 0,
                    expected.length)) {
                position += expected.length;
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        throw error("expected a value, found " + describeNext());
    }

    private void skipWhitespace() {
        while (position < bytes.length
                && (bytes[position] == ' ' || bytes[position] == '\n' || bytes[position] == '\r' || bytes[position] == '\t')) {
            position++;
        }
    }

    private boolean consume(char expected) {
        if (position < bytes.length && bytes[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected, String context) throws IOException {
        if (!consume(expected)) {
            throw error("expected '" + expected + "' " + context + ", found " + describeNext());
        }
    }

    private String describeNext() {
        if (position >= bytes.length) {
            return "the end of " + document;
        }
        int b = bytes[position] & 0xff;
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte 0x" + Integer.toHexString(b);
    }

    private IOException error(String message) {
        return new IOException(message + " at byte " + position + " of " + document);
    }
}
