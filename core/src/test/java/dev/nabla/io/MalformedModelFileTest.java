package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed model files: each is rejected with a message naming the file and the fault. */
class MalformedModelFileTest {

    @TempDir
    Path directory;

    private String loadError(Path file) {
        return assertThrows(IOException.class, () -> ModelFile.load(file)).getMessage();
    }

    private Path saved() throws IOException {
        Path file = directory.resolve("good.nabla");
        Layer.manualSeed(3);
        ModelFile.save(file, new Sequential(Dense.linear(2, 3), new Relu(), Dense.linear(3, 1)));
        return file;
    }

    /** A zip of the given entries. */
    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Path file = directory.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** The entries of a model file. */
    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** The good file with its config.json edited. */
    private Path withConfig(String from, String to) throws IOException {
        Map<String, byte[]> entries = entries(saved());
        String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
        assertTrue(config.contains(from), config);
        entries.put("config.json", config.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return zip("edited.nabla", entries);
    }

    @Test
    void aTruncatedFileIsNotAZipArchive() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(file + ": not a Nabla model file (not a zip archive): zip END header not found; was it"
                + " truncated or overwritten?", loadError(file));
    }

    @Test
    void randomBytesAndEmptyFilesAreNotZipArchives() throws IOException {
        Path random = directory.resolve("random.nabla");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(random, noise);
        assertTrue(loadError(random).startsWith(random + ": not a Nabla model file (not a zip archive): "));
        Path empty = Files.createFile(directory.resolve("empty.nabla"));
        assertTrue(loadError(empty).startsWith(empty + ": not a Nabla model file (not a zip archive): "));
    }

    @Test
    void aZipWithoutConfigJsonIsNotAModelFile() throws IOException {
        Map<String, byte[]> entries = entries(saved());
        entries.remove("config.json");
        Path file = zip("weights-only.nabla", entries);
        assertEquals(file + ": not a Nabla model file: it holds no config.json (it holds [weights.safetensors])",
                loadError(file));
    }

    @Test
    void anotherFormatOrANewerVersionIsRefused() throws IOException {
        Path keras = withConfig("\"format\": \"nabla-model\"", "\"format\": \"keras\"");
        assertEquals(keras + ": config.json: format is \"keras\", expected \"nabla-model\"; not a Nabla model file",
                loadError(keras));
        Path newer = withConfig("\"version\": 1", "\"version\": 3");
        assertEquals(newer + ": written by a newer Nabla (model file version 3; this Nabla reads versions up to 2);"
                + " update Nabla to load it", loadError(newer));
        Path fractional = withConfig("\"version\": 1", "\"version\": 1.5");
        assertEquals(fractional + ": config.json: version must be a positive integer, got 1.5", loadError(fractional));
        Path broken = withConfig("\"version\": 1,", "\"version\": 1");
        assertEquals(broken + ": config.json: malformed JSON: expected '}' to close the object, found '\"' at byte 46"
                + " of the JSON text", loadError(broken));
    }

    @Test
    void architectureErrorsNameTheirPlaceInTheConfig() throws IOException {
        Path unknown = withConfig("\"type\": \"Relu\"", "\"type\": \"Mish\"");
        assertTrue(loadError(unknown).startsWith(unknown + ": config.json: model.layers[1].type: unknown layer type"
                + " 'Mish'; known types: Dense, "), loadError(unknown));
        Path badArgument = withConfig("\"units\": 3", "\"unitz\": 3");
        assertEquals(badArgument + ": config.json: model.layers[0].unitz: Dense: argument 'unitz' is not known;"
                + " known: units, in_features, use_bias, activation, trainable, name; did you mean 'units'?",
                loadError(badArgument));
        Path badValue = withConfig("\"units\": 3", "\"units\": \"three\"");
        assertEquals(badValue + ": config.json: model.layers[0].units: Dense: argument 'units' must be an integer,"
                + " got \"three\" (a string)", loadError(badValue));
    }

    @Test
    void weightsThatDoNotFitTheArchitectureAreNamedByKeyAndShape() throws IOException {
        Path file = withConfig("\"units\": 3", "\"units\": 4");
        assertEquals(file + ": weights.safetensors does not fit the architecture in config.json: Sequential: state"
                + " dict does not match: missing keys [], unexpected keys [], shape mismatches [0.weight: expected"
                + " [4, 2], got [3, 2], 0.bias: expected [4], got [3]]",
                loadError(file));
    }

    @Test
    void corruptedOrTruncatedWeightsAreRejected() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        int data = indexOf(bytes, "0.weight".getBytes(StandardCharsets.UTF_8)) + 200;
        bytes[data] ^= 0x40;
        Files.write(file, bytes);
        assertEquals(file + ": weights.safetensors: corrupted: its content does not match the size and checksum the"
                + " archive records for it", loadError(file));

        Map<String, byte[]> entries = entries(saved());
        byte[] weights = entries.get("weights.safetensors");
        entries.put("weights.safetensors", Arrays.copyOf(weights, weights.length - 4));
        Path truncated = zip("truncated-weights.nabla", entries);
        assertTrue(loadError(truncated).startsWith(truncated + ": weights.safetensors: truncated: tensor '2.bias'"),
                loadError(truncated));
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = directory.resolve("missing.nabla");
        assertTrue(loadError(missing).contains("missing.nabla"));
        assertFalse(Files.exists(missing));
    }
}
