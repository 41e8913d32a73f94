package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path directory;

    /** A file of the given header length field followed by {@code rest}. */
    private Path rawFile(long headerLength, byte[] rest) throws IOException {
        Path file = directory.resolve("raw.safetensors");
        ByteBuffer bytes = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        Files.write(file, bytes.putLong(headerLength).put(rest).array());
        return file;
    }

    /** A file with this JSON header and the given data bytes. */
    private Path rawFile(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return rawFile(json.length, ByteBuffer.allocate(json.length + data.length).put(json).put(data).array());
    }

    private String readError(Path file) {
        return assertThrows(IOException.class, () -> Safetensors.read(file)).getMessage();
    }

    private static String entry(String name, String type, String shape, long begin, long end) {
        return "\"" + name + "\": {\"dtype\": \"" + type + "\", \"shape\": " + shape + ", \"data_offsets\": ["
                + begin + ", " + end + "]}";
    }

    @Test
    void writeThenReadGivesTheSameTensorsInOrderWithMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", Tensor.of(new float[] {1.5f, -2f, 3.25f, Float.NaN, -0f, 1e-30f}, 2, 3));
        tensors.put("steps", Tensor.arange(4));
        tensors.put("scale", Tensor.scalar(0.125f));
        tensors.put("empty", Tensor.zeros(0, 4));
        tensors.put("ünïcode \"name\"", Tensor.of(7f));
        Path file = directory.resolve("round.safetensors");
        Safetensors.write(file, tensors, Map.of("epoch", "3", "note", "a \"quoted\" note"));

        SafetensorsFile read = Safetensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        tensors.forEach((name, expected) -> {
            Tensor actual = read.tensors().get(name);
            assertEquals(expected.shape(), actual.shape(), name);
            assertEquals(expected.dtype(), actual.dtype(), name);
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), name);
        });
        assertEquals(Map.of("epoch", "3", "note", "a \"quoted\" note"), read.metadata());
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
    }

    @Test
    void writesFloatsAsF32AndIntegersAsI64WithIntegersFirstForAlignment() throws IOException {
        Path file = directory.resolve("types.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("odd", Tensor.of(1f, 2f, 3f));
        tensors.put("index", Tensor.arange(2));
        Safetensors.write(file, tensors);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals("{\"odd\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[16,28]},"
                + "\"index\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
                new String(bytes, 8, headerLength, StandardCharsets.UTF_8).stripTrailing());
        assertEquals(8 + headerLength + 28, bytes.length);
    }

    @Test
    void readsEveryDataTypePyTorchWrites() throws IOException {
        Map<String, Tensor> t = Safetensors.read(TorchFixture.path("safetensors/data_types")).tensors();
        for (String floating : List.of("f16", "bf16", "f64")) {
            assertEquals(DType.FLOAT32, t.get(floating).dtype());
            assertArrayEquals(t.get(floating + "_as_f32").toFloatArray(), t.get(floating).toFloatArray(), floating);
        }
        assertEquals(Float.POSITIVE_INFINITY, t.get("f16").get(6));
        assertEquals(Float.NEGATIVE_INFINITY, t.get("f64").get(2));
        assertInteger(t.get("i64"), new float[] {0, -1, 16777216, -16777216, 42, 7}, 2, 3);
        assertInteger(t.get("i32"), new float[] {3, -4}, 2);
        assertInteger(t.get("u8"), new float[] {0, 255, 17}, 3);
        assertInteger(t.get("bool"), new float[] {1, 0, 1}, 3);
        assertInteger(t.get("scalar_i64"), new float[] {5});
        assertEquals("[0, 3]", t.get("empty_f32").shape().toString());
    }

    private static void assertInteger(Tensor tensor, float[] values, int... shape) {
        assertEquals(DType.INT32, tensor.dtype());
        assertArrayEquals(shape, tensor.shape().toArray());
        assertArrayEquals(values, tensor.toFloatArray());
    }

    @Test
    void refusesAFileShorterThanTheHeaderLengthOrWithAnAbsurdOne() throws IOException {
        Path tiny = directory.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertEquals(tiny + ": too short for a safetensors file (3 bytes; the 8-byte header length alone needs 8)",
                readError(tiny));
        Path beyond = rawFile(1000, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(beyond + ": header length 1000 exceeds the 2 bytes that follow it; the file is truncated or"
                + " not a safetensors file", readError(beyond));
        Path huge = rawFile(-1, new byte[16]);
        assertEquals(huge + ": header length 18446744073709551615 exceeds the 100000000-byte limit; this is not a"
                + " safetensors file", readError(huge));
    }

    @Test
    void refusesMalformedJsonNamingTheByte() throws IOException {
        Path file = rawFile("{" + entry("a", "F32", "[1]", 0, 4) + ",}", new byte[4]);
        assertEquals(file + ": malformed safetensors header: expected a string key, found '}' at byte 61 of the header",
                readError(file));
        Path duplicate = rawFile("{" + entry("a", "F32", "[1]", 0, 4) + ", " + entry("a", "F32", "[1]", 4, 8) + "}",
                new byte[8]);
        assertEquals(duplicate + ": malformed safetensors header: duplicate key \"a\" at byte 62 of the header",
                readError(duplicate));
        Path array = rawFile("[]", new byte[0]);
        assertEquals(array + ": the safetensors header must be a JSON object, found an array", readError(array));
    }

    @Test
    void refusesEntriesThatAreNotWhatTheFormatAllows() throws IOException {
        Path unknown = rawFile("{" + entry("w", "F8_E4M3", "[2]", 0, 2) + "}", new byte[2]);
        assertEquals(unknown + ": tensor 'w': unsupported dtype 'F8_E4M3' (Nabla reads [F64, F32, F16, BF16, I64, I32,"
                + " U8, BOOL])", readError(unknown));
        Path missing = rawFile("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", new byte[0]);
        assertEquals(missing + ": tensor 'w': expected exactly the keys dtype, shape and data_offsets, found"
                + " [dtype, shape]", readError(missing));
        Path negative = rawFile("{" + entry("w", "F32", "[-1]", 0, 0) + "}", new byte[0]);
        assertEquals(negative + ": tensor 'w': shape must be an array of non-negative integers, found [-1]",
                readError(negative));
        Path numbers = rawFile("{\"__metadata__\": {\"epoch\": 3}}", new byte[0]);
        assertEquals(numbers + ": __metadata__ value of \"epoch\" must be a string, found an integer",
                readError(numbers));
        Path enormous = rawFile("{" + entry("w", "F32", "[65536, 65536]", 0, 0) + "}", new byte[0]);
        assertEquals(enormous + ": tensor 'w': shape [65536, 65536] has more elements than a Nabla tensor can hold"
                + " (2147483639)", readError(enormous));
    }

    @Test
    void refusesOffsetsThatDoNotMatchTheShapeOrTileTheData() throws IOException {
        Path size = rawFile("{" + entry("w", "F32", "[2, 2]", 0, 12) + "}", new byte[12]);
        assertEquals(size + ": tensor 'w': data_offsets [0, 12] hold 12 bytes, but F32 [2, 2] needs 16", readError(size));
        Path reversed = rawFile("{" + entry("w", "F32", "[1]", 8, 4) + "}", new byte[8]);
        assertEquals(reversed + ": tensor 'w': data_offsets [8, 4] end before they begin", readError(reversed));
        Path overlap = rawFile("{" + entry("a", "F32", "[4]", 0, 16) + ", " + entry("b", "F32", "[4]", 8, 24) + "}",
                new byte[24]);
        assertEquals(overlap + ": tensor 'b' (data bytes 8 to 24) overlaps tensor 'a' (0 to 16)", readError(overlap));
        Path gap = rawFile("{" + entry("a", "F32", "[2]", 0, 8) + ", " + entry("b", "F32", "[2]", 12, 20) + "}",
                new byte[20]);
        assertEquals(gap + ": data bytes 8 to 12 belong to no tensor (a gap before tensor 'b'); safetensors data must"
                + " have no holes", readError(gap));
    }

    @Test
    void refusesTruncatedOrTrailingData() throws IOException {
        byte[] good = Files.readAllBytes(TorchFixture.path("safetensors/sequential_state"));
        Path truncated = directory.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(good, good.length - 100));
        assertEquals(truncated + ": truncated: tensor '4.weight' needs data bytes 200 to 2760, but the file holds only"
                + " 2660 bytes of data (the header describes 2760)", readError(truncated));
        Path trailing = directory.resolve("trailing.safetensors");
        Files.write(trailing, Arrays.copyOf(good, good.length + 3));
        assertEquals(trailing + ": 3 bytes follow the last tensor's data (the header accounts for 2760 of 2763); the"
                + " file is corrupted", readError(trailing));
    }

    @Test
    void refusesACorruptedHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(TorchFixture.path("safetensors/sequential_state"));
        bytes[8 + 20] = (byte) 0xff;
        Path corrupted = directory.resolve("corrupted.safetensors");
        Files.write(corrupted, bytes);
        assertEquals(corrupted + ": malformed safetensors header: invalid UTF-8 at byte 20 of the header",
                readError(corrupted));
    }

    @Test
    void refusesIntegersFloat32StorageCannotHoldExactly() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong((1L << 24) + 1);
        Path big = rawFile("{" + entry("ids", "I64", "[2]", 0, 16) + "}", data.array());
        assertEquals(big + ": I64 tensor 'ids' holds 16777217 at element 1, beyond ±16777216, the integers Nabla's"
                + " float32 storage holds exactly", readError(big));
        Path bool = rawFile("{" + entry("mask", "BOOL", "[2]", 0, 2) + "}", new byte[] {1, 2});
        assertEquals(bool + ": BOOL tensor 'mask' holds byte 2 at element 1; booleans are 0 or 1", readError(bool));
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = directory.resolve("model.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.ones(3)));
        byte[] before = Files.readAllBytes(file);
        Tensor notIntegral = Tensor.arange(3);
        notIntegral.assign(Tensor.of(0f, 2.5f, 1f));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.zeros(1000));
        tensors.put("ids", notIntegral);
        var e = assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, tensors));
        assertEquals("Safetensors.write: INT32 tensor 'ids' holds 2.5 at element 1, which is not an integer",
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void refusesTheReservedMetadataNameAsATensorName() {
        Path file = directory.resolve("bad.safetensors");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", Tensor.ones(1))));
        assertEquals("Safetensors.write: '__metadata__' cannot name a tensor (it is reserved or null)", e.getMessage());
        assertEquals(false, Files.exists(file));
    }
}
