package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer experiment on a few synthetic digits in the npm package's format. */
class DigitsTransferTest {

    @TempDir
    Path directory;

    private void writeDigits(int perDigit) throws IOException {
        for (int digit = 0; digit < 10; digit++) {
            StringJoiner values = new StringJoiner(",", "{\"data\": [", "]}");
            for (int image = 0; image < perDigit; image++) {
                for (int pixel = 0; pixel < 784; pixel++) {
                    values.add(pixel % 10 == digit ? "0.9" : "0");
                }
            }
            Files.writeString(directory.resolve(digit + ".json"), values.toString());
        }
    }

    @Test
    void comparesTheThreeSettingsOnImagesItNeverTrainedOn() throws IOException {
        writeDigits(4);
        List<DigitsTransfer.Result> results = DigitsTransfer.run(directory, 2, List.of(20), List.of(2));
        assertEquals(List.of("from scratch", "frozen features + new head", "fine-tuned"),
                results.stream().map(DigitsTransfer.Result::setting).toList());
        for (DigitsTransfer.Result r : results) {
            assertEquals(20, r.labels());
            assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1 && r.seconds() > 0, r.toString());
        }
        assertEquals(20, DigitsTransfer.select(DigitsTransfer.read(directory), 2, 100)[1].size());
    }

    @Test
    void aFileOfAnotherShapeIsRefusedByName() throws IOException {
        writeDigits(1);
        Files.writeString(directory.resolve("3.json"), "{\"data\": [0, 1]}");
        IOException e = assertThrows(IOException.class, () -> DigitsTransfer.read(directory));
        assertTrue(e.getMessage().contains("3.json: expected {\"data\": [...]} with 784 values per image"),
                e.getMessage());
    }
}
