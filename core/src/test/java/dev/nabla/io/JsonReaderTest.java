package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    private static Object parse(String json) throws IOException {
        return JsonReader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String json) {
        return assertThrows(IOException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsObjectsInOrderArraysStringsAndIntegers() throws IOException {
        Object value = parse(" {\"b\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, -24]},"
                + " \"a\": [], \"c\": {}}   ");
        Map<?, ?> root = (Map<?, ?>) value;
        assertEquals(List.of("b", "a", "c"), List.copyOf(root.keySet()));
        assertEquals(Map.of("dtype", "F32", "shape", List.of(2L, 3L), "data_offsets", List.of(0L, -24L)), root.get("b"));
        assertEquals(List.of(), root.get("a"));
        assertEquals(Map.of(), root.get("c"));
    }

    @Test
    void decodesEveryEscapeAndRawUtf8() throws IOException {
        assertEquals("\" \\ / \b \f \n \r \t é € 😀 é", parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20AC \\ud83d\\ude00 é\""));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE + 1, parse("-9223372036854775807"));
    }

    @Test
    void refusesWhatTheHeaderNeverHoldsNamingTheByte() {
        assertEquals("expected an object, array, string or integer, found 't' at byte 6 of the header", error("{\"a\": true}"));
        assertEquals("expected an object, array, string or integer, found 'n' at byte 1 of the header", error("[null]"));
        assertEquals("only integers are allowed, found a fraction or exponent at byte 2 of the header", error("[1.5]"));
        assertEquals("only integers are allowed, found a fraction or exponent at byte 2 of the header", error("[1e3]"));
        assertEquals("leading zero in an integer at byte 1 of the header", error("[01]"));
        assertEquals("integer too large at byte 0 of the header", error("9223372036854775808"));
        assertEquals("expected a digit after '-', found ']' at byte 2 of the header", error("[-]"));
    }

    @Test
    void refusesMalformedStructureNamingTheByte() {
        assertEquals("expected a value, found the end of the header at byte 0 of the header", error(""));
        assertEquals("expected a string key, found '}' at byte 9 of the header", error("{\"a\": 1, }"));
        assertEquals("expected ':' after the key \"a\", found '1' at byte 5 of the header", error("{\"a\" 1}"));
        assertEquals("expected '}' to close the object, found the end of the header at byte 7 of the header", error("{\"a\": 1"));
        assertEquals("expected ']' to close the array, found '}' at byte 3 of the header", error("[1 }"));
        assertEquals("unexpected '{' after the end of the JSON value at byte 3 of the header", error("{} {}"));
        assertEquals("duplicate key \"x\" at byte 9 of the header", error("{\"x\": 1, \"x\": 2}"));
        assertEquals("nesting deeper than 32 levels at byte 33 of the header", error("[".repeat(40) + "]".repeat(40)));
    }

    @Test
    void refusesMalformedStringsNamingTheByte() {
        assertEquals("unterminated string at byte 4 of the header", error("\"abc"));
        assertEquals("invalid escape '\\x' at byte 2 of the header", error("\"a\\x\""));
        assertEquals("control character 0xa inside a string (escape it) at byte 2 of the header", error("\"a\nb\""));
        assertEquals("expected four hexadecimal digits after \\u, found 'g' at byte 5 of the header", error("\"\\u12g4\""));
        assertEquals("unpaired surrogate in a \\u escape at byte 1 of the header", error("\"\\ud83d\""));
        assertEquals("unpaired surrogate in a \\u escape at byte 1 of the header", error("\"\\ude00x\""));
        byte[] invalidUtf8 = {'"', 'a', (byte) 0xc3, '"'};
        assertEquals("invalid UTF-8 at byte 2 of the header",
                assertThrows(IOException.class, () -> JsonReader.parse(invalidUtf8)).getMessage());
    }

    private static Object document(String json) throws IOException {
        return JsonReader.parseDocument(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String documentError(String json) {
        return assertThrows(IOException.class, () -> document(json)).getMessage();
    }

    @Test
    void theDocumentGrammarAlsoReadsFractionsExponentsBooleansAndNull() throws IOException {
        Map<?, ?> root = (Map<?, ?>) document("{\"eps\": 1e-5, \"rate\": 0.25, \"big\": -1.5E+3, \"n\": -0,"
                + " \"flags\": [true, false, null], \"huge\": 123456789012345678901234}");
        assertEquals(1e-5, root.get("eps"));
        assertEquals(0.25, root.get("rate"));
        assertEquals(-1500.0, root.get("big"));
        assertEquals(0L, root.get("n"));
        assertEquals(Arrays.asList(true, false, null), root.get("flags"));
        assertEquals(1.2345678901234568e23, root.get("huge"));
        assertEquals(-0.0, document("-0.0"));
        assertEquals(Long.MIN_VALUE, document("-9223372036854775808"));
    }

    @Test
    void theDocumentGrammarRefusesWhatJsonRefusesNamingTheByte() {
        assertEquals("expected a digit after the decimal point, found ']' at byte 3 of the JSON text", documentError("[1.]"));
        assertEquals("expected a digit in the exponent, found ']' at byte 3 of the JSON text", documentError("[1e]"));
        assertEquals("expected a value, found '.' at byte 1 of the JSON text", documentError("[.5]"));
        assertEquals("leading zero in a number at byte 1 of the JSON text", documentError("[01.5]"));
        assertEquals("expected a value, found 't' at byte 1 of the JSON text", documentError("[tru]"));
        assertEquals("expected a value, found 'N' at byte 1 of the JSON text", documentError("[NaN]"));
        assertEquals("number 1e400 is out of range at byte 1 of the JSON text", documentError("[1e400]"));
        assertEquals("unexpected 'f' after the end of the JSON value at byte 5 of the JSON text", documentError("true false"));
        assertEquals("expected a value, found the end of the JSON text at byte 1 of the JSON text", documentError(" "));
    }

    @Test
    void theHeaderGrammarStaysAsStrictAsBefore() {
        assertEquals("expected an object, array, string or integer, found 't' at byte 0 of the header", error("true"));
        assertEquals("only integers are allowed, found a fraction or exponent at byte 1 of the header", error("0.5"));
    }
}
