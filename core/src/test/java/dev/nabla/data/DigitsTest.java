package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {

    private static TensorDataset read(String csv) throws IOException {
        return Digits.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.US_ASCII)), "test.csv");
    }

    private static String row(int pixel, String label) {
        return (pixel + ",").repeat(64) + label + "\n";
    }

    @Test
    void theEmbeddedDigitsHaveTheRightShapesAndRange() {
        TensorDataset digits = Digits.load();

        assertEquals(1797, digits.size());
        assertArrayEquals(new int[] {1797, 1, 8, 8}, digits.features().shape().toArray());
        assertEquals(DType.FLOAT32, digits.features().dtype());
        assertEquals(DType.INT32, digits.targets().dtype());
        assertEquals(0f, digits.features().min().item());
        assertEquals(1f, digits.features().max().item());
        // every value is a count 0–16 divided by 16
        float[] values = digits.features().toFloatArray();
        for (float value : values) {
            assertEquals(Math.rint(value * 16), value * 16, "value " + value);
        }
    }

    @Test
    void theLabelCountsMatchScikitLearns() {
        float[] counts = Digits.load().targets().oneHot(10).sum(0).toFloatArray();

        assertArrayEquals(new float[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
    }

    @Test
    void theFirstDigitIsTheZeroScikitLearnShows() {
        Example first = Digits.load().get(0);

        assertEquals(0f, first.target().item());
        // sklearn's digits.images[0][0] is [0, 0, 5, 13, 9, 1, 0, 0]
        float[] topRow = first.features().slice(1, 0, 1).mul(16).toFloatArray();
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, topRow);
    }

    @Test
    void aSeededSplitGivesATrainingAndATestSet() {
        Split split = Digits.load().split(0.8, new Generator(0));

        assertEquals(1438, split.train().size());
        assertEquals(359, split.test().size());
    }

    @Test
    void theLicenceNoticeShipsNextToTheData() throws IOException {
        try (InputStream notice = Digits.class.getResourceAsStream("digits.NOTICE.txt")) {
            assertNotNull(notice, "digits.NOTICE.txt is missing");
            String text = new String(notice.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("CC BY 4.0"));
            assertTrue(text.contains("Alpaydin"));
        }
    }

    @Test
    void malformedLinesAreReportedWithTheirPlace() {
        assertEquals("test.csv, example 2: expected 64 pixel counts and a label, got 3 values",
                assertThrows(IOException.class, () -> read(row(0, "1") + "1,2,3\n")).getMessage());
        assertEquals("test.csv, example 1: \"17\" is not an integer from 0 to 16",
                assertThrows(IOException.class, () -> read(row(17, "1"))).getMessage());
        assertEquals("test.csv, example 1: \"x\" is not an integer from 0 to 9",
                assertThrows(IOException.class, () -> read(row(3, "x"))).getMessage());
    }

    @Test
    void manyRowsAreRead() throws IOException {
        TensorDataset digits = read(row(16, "7").repeat(3000));

        assertEquals(3000, digits.size());
        assertEquals(7f, digits.get(2999).target().item());
        assertEquals(1f, digits.get(2999).features().get(0, 7, 7));
    }
}
