package dev.nabla.data;

import static dev.nabla.data.SplitFixtures.classCounts;
import static dev.nabla.data.SplitFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    private static final Tensor LABELS = SplitFixtures.set("imbalanced3").tensor("labels");  // 60/30/13
    private static final int[] CLASSES = ints(LABELS);

    @Test
    void oversamplingRepeatsEachSmallerClassUpToTheLargest() {
        int[] kept = Resampling.oversampleIndices(LABELS, new Generator(1));

        assertArrayEquals(new int[] {60, 60, 60}, classCounts(CLASSES, kept, 3));
        assertTrue(IntStream.range(0, CLASSES.length).allMatch(i -> Arrays.binarySearch(kept, i) >= 0),
                "every original example is kept");
        assertAscending(kept);
        assertEquals(13, Arrays.stream(kept).filter(i -> CLASSES[i] == 2).distinct().count());
    }

    @Test
    void undersamplingKeepsARandomSelectionOfTheSmallestClassSize() {
        int[] kept = Resampling.undersampleIndices(LABELS, new Generator(1));

        assertArrayEquals(new int[] {13, 13, 13}, classCounts(CLASSES, kept, 3));
        assertEquals(kept.length, Arrays.stream(kept).distinct().count(), "drawn without replacement");
        assertAscending(kept);
        assertTrue(Arrays.stream(kept).filter(i -> CLASSES[i] == 2).count() == 13, "the smallest class whole");
    }

    @Test
    void aTargetCountTopsUpOrCutsDownOnlyTheClassesBeyondIt() {
        assertArrayEquals(new int[] {60, 40, 40},
                classCounts(CLASSES, Resampling.oversampleIndices(LABELS, 40, new Generator(2)), 3));
        assertArrayEquals(new int[] {20, 20, 13},
                classCounts(CLASSES, Resampling.undersampleIndices(LABELS, 20, new Generator(2)), 3));
    }

    @Test
    void theSameSeedGivesTheSameDraw() {
        assertArrayEquals(Resampling.oversampleIndices(LABELS, new Generator(4)),
                Resampling.oversampleIndices(LABELS, new Generator(4)));
        assertFalse(Arrays.equals(Resampling.undersampleIndices(LABELS, new Generator(4)),
                Resampling.undersampleIndices(LABELS, new Generator(5))));
    }

    @Test
    void aDataLoaderSeesBalancedClasses() {
        TensorDataset data = new TensorDataset(Tensor.zeros(CLASSES.length, 2), LABELS);
        Subset balanced = Resampling.oversample(data, data.targets(), new Generator(3));

        int[] seen = new int[3];
        for (Batch batch : new DataLoader(balanced, 32, new Generator(0), false)) {
            for (float label : batch.targets().toFloatArray()) {
                seen[(int) label]++;
            }
        }
        assertArrayEquals(new int[] {60, 60, 60}, seen);
        assertEquals(39, Resampling.undersample(data, data.targets(), new Generator(3)).size());
        assertEquals(120, Resampling.oversample(data, data.targets(), 30, new Generator(3)).size());
        assertEquals(53, Resampling.undersample(data, data.targets(), 20, new Generator(3)).size());
    }

    @Test
    void mismatchedLabelsAndBadTargetsAreRefused() {
        TensorDataset data = TensorDatasetTest.numbered(4);

        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> Resampling.oversample(data, Tensor.of(0, 1, 1), new Generator(0)));
        assertEquals("Resampling.oversample: need one label per example: 4 examples but labels of shape [3]",
                mismatch.getMessage());
        var target = assertThrows(IllegalArgumentException.class,
                () -> Resampling.undersampleIndices(LABELS, 0, new Generator(0)));
        assertEquals("Resampling.undersampleIndices: the target count per class must be at least 1, got 0",
                target.getMessage());
        var unseeded = assertThrows(IllegalArgumentException.class,
                () -> Resampling.oversampleIndices(LABELS, null));
        assertEquals("Resampling: the examples are drawn at random; give it a generator", unseeded.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Resampling.undersampleIndices(Tensor.of(0, 0.5f), new Generator(0)));
    }

    private static void assertAscending(int[] positions) {
        for (int i = 1; i < positions.length; i++) {
            assertTrue(positions[i - 1] <= positions[i]);
        }
    }
}
