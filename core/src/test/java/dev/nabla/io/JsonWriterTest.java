package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesCompactJsonInMapOrder() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        header.put("0.weight", new LinkedHashMap<>(Map.of("dtype", "F32")));
        header.put("sizes", List.of(2L, 3, List.of()));
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F32\"},\"sizes\":[2,3,[]]}",
                JsonWriter.write(header));
    }

    @Test
    void escapesWhatJsonRequiresAndReadsBackTheSameString() throws IOException {
        String name = "quote\" backslash\\ newline\n tab\t bell\u0007 é 😀";
        String json = JsonWriter.write(name);
        assertEquals("\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 é 😀\"", json);
        assertEquals(name, JsonReader.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAStringUtf8CannotEncode() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write("a\ud83d"));
        assertEquals("JsonWriter: the string \"a\ud83d\" holds an unpaired surrogate, which UTF-8 cannot encode",
                e.getMessage());
    }

    @Test
    void writesNumbersBooleansAndNullThatReadBackExactly() throws IOException {
        List<Object> values = Arrays.asList(0.1f, 1e-5f, 3.4028235e38f, -0f, 0.1, 1e-300, true, false, null);
        String json = JsonWriter.write(values);
        assertEquals("[0.1,1.0E-5,3.4028235E38,-0.0,0.1,1.0E-300,true,false,null]", json);
        List<?> back = (List<?>) JsonReader.parseDocument(json.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) {
            assertEquals(values.get(i), ((Double) back.get(i)).floatValue(), "float " + i);
        }
        assertEquals(values.subList(4, values.size()), back.subList(4, back.size()));
    }

    @Test
    void everyFloatOnAGridOfBitPatternsRoundTripsThroughItsShortestForm() throws IOException {
        for (long bits = 0; bits <= 0xffffffffL; bits += 0x10001L * 13) {
            float f = Float.intBitsToFloat((int) bits);
            if (Float.isFinite(f)) {
                Object back = JsonReader.parseDocument(JsonWriter.write(f).getBytes(StandardCharsets.UTF_8));
                assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(((Number) back).floatValue()), "bits " + bits);
            }
        }
    }

    @Test
    void refusesNumbersWithoutAJsonForm() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(List.of(Double.NaN)));
        assertEquals("JsonWriter: NaN has no JSON form (only finite numbers do)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Float.POSITIVE_INFINITY));
    }

    @Test
    void indentsForPeopleToRead() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", "nabla-model");
        config.put("layers", List.of(Map.of("type", "Relu"), List.of()));
        config.put("shape", List.of(3, 1, "same"));
        config.put("empty", Map.of());
        assertEquals("""
                {
                  "format": "nabla-model",
                  "layers": [
                    {
                      "type": "Relu"
                    },
                    []
                  ],
                  "shape": [3, 1, "same"],
                  "empty": {}
                }
                """, JsonWriter.writeIndented(config));
    }

    @Test
    void writesOneLineAsPeopleWriteIt() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.25);
        metrics.put("names", List.of("T-shirt/top", "Trouser"));
        metrics.put("empty", List.of());
        assertEquals("{\"loss\": 0.25, \"names\": [\"T-shirt/top\", \"Trouser\"], \"empty\": []}",
                JsonWriter.writeLine(metrics));
    }

    @Test
    void metricsThatJsonCannotHoldBecomeNull() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", Double.NaN);
        metrics.put("auc", 0.5);
        metrics.put("r2", Double.NEGATIVE_INFINITY);
        assertEquals("{\"loss\": null, \"auc\": 0.5, \"r2\": null}", JsonWriter.writeLine(JsonWriter.finiteOrNull(metrics)));
    }
}
