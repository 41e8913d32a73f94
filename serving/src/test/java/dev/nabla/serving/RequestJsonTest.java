package dev.nabla.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestJsonTest {

    private static Object parse(String text) {
        return RequestJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyNumberOfAnArrayIsTheFloatItsTextRoundsTo() {
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            texts.add(switch (i % 6) {
                case 0 -> Float.toString(random.nextFloat());
                case 1 -> Float.toString((float) random.nextGaussian() * 1000);
                case 2 -> String.valueOf(random.nextInt(1 << 26) - (1 << 25)) + "." + random.nextInt(1000);
                case 3 -> Double.toString(random.nextDouble());             // 17 digits: parsed from the text
                case 4 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "e" + (random.nextInt(60) - 30);
                // 9 to 15 digits next to a point halfway between two floats: where rounding to a
                // double first, then to a float, would go the wrong way.
                default -> nearHalfway(random);
            });
        }
        RequestJson.Numbers numbers = (RequestJson.Numbers) parse("[" + String.join(", ", texts) + "]");
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Float.parseFloat(texts.get(i)), numbers.floats()[i], texts.get(i));
        }
        assertNull(numbers.integers());
    }

    private static String nearHalfway(Random random) {
        float below = random.nextFloat() * 100;
        double halfway = ((double) below + Math.nextUp(below)) / 2;
        String digits = new java.math.BigDecimal(halfway)
                .round(new java.math.MathContext(9 + random.nextInt(7))).toPlainString();
        return random.nextInt(4) == 0 ? digits.substring(0, digits.length() - 1) + "5" : digits;
    }

    @Test
    void structureIsReadAsMapsListsAndIntegerArrays() {
        Map<?, ?> value = (Map<?, ?>) parse(" {\"a\": [1, 2, -3], \"b\": [[1.5], \"x\", true, null], \"c\": \"\\u00e9\\n\","
                + " \"d\": {}, \"e\": [], \"f\": 12345678901234567890}");
        RequestJson.Numbers a = (RequestJson.Numbers) value.get("a");
        assertArrayEquals(new long[] {1, 2, -3}, a.integers());
        List<?> b = (List<?>) value.get("b");
        assertArrayEquals(new float[] {1.5f}, ((RequestJson.Numbers) b.get(0)).floats());
        assertEquals(Arrays.asList("x", true, null), b.subList(1, 4));
        assertEquals("é\n", value.get("c"));
        assertEquals(Map.of(), value.get("d"));
        assertEquals(0, ((RequestJson.Numbers) value.get("e")).size());
        assertEquals(1.2345678901234567e19, value.get("f"));
    }

    @Test
    void malformedTextIsA400NamingTheByte() {
        Map<String, String> cases = Map.of(
                "{\"a\": [1, 2", "at byte 11: the text ends where ']' should be",
                "{\"a\" 1}", "at byte 5: expected ':'",
                "[1, NaN]", "at byte 4: NaN and Infinity are not JSON numbers",
                "{\"a\": 1, \"a\": 2}", "at byte 9: the member \"a\" appears twice",
                "[01]", "at byte 1: a number may not start with 0",
                "[1.]", "at byte 3: a digit must follow the decimal point",
                "\"\\q\"", "at byte 2: unknown escape",
                "[1] x", "at byte 4: unexpected text after the JSON value",
                "[".repeat(100), "nested deeper than 64 levels",
                "", "at byte 0: the text ends where a value should start");
        cases.forEach((text, message) -> {
            ServingException e = assertThrows(ServingException.class, () -> parse(text), text);
            assertEquals(400, e.status());
            assertEquals(true, e.getMessage().contains(message), e.getMessage() + " does not say " + message);
        });
    }
}
