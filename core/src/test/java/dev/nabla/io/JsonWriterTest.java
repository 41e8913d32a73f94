package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
