package dev.nabla.data;

import static dev.nabla.data.SplitFixtures.assertPartition;
import static dev.nabla.data.SplitFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KFoldTest {

    @Test
    void foldSizesAreScikitLearns() {
        for (TorchFixture fixture : SplitFixtures.cases("kfold_")) {
            int n = SplitFixtures.labelsOf(fixture).dim(0);
            int[] expected = ints(fixture.tensor("sizes"));
            for (KFold kFold : List.of(new KFold(expected.length), new KFold(expected.length, new Generator(4)))) {
                List<Fold> folds = kFold.split(n);

                assertArrayEquals(expected, folds.stream().mapToInt(f -> f.validation().length).toArray(),
                        fixture.name() + " " + kFold);
                assertFolds(n, folds);
            }
        }
    }

    @Test
    void unshuffledFoldsAreRunsOfConsecutiveExamples() {
        List<Fold> folds = new KFold(3).split(8);

        assertArrayEquals(new int[] {0, 1, 2}, folds.get(0).validation());
        assertArrayEquals(new int[] {3, 4, 5}, folds.get(1).validation());
        assertArrayEquals(new int[] {6, 7}, folds.get(2).validation());
        assertArrayEquals(new int[] {0, 1, 2, 6, 7}, folds.get(1).train());
        assertEquals(2, folds.get(2).index());
    }

    @Test
    void shuffledFoldsAreReproducibleAndDrawnAnewEachSplit() {
        KFold kFold = new KFold(4, new Generator(11));
        List<Fold> first = kFold.split(30);
        List<Fold> second = kFold.split(30);

        assertArrayEquals(first.get(0).validation(), new KFold(4, new Generator(11)).split(30).get(0).validation());
        assertFalse(Arrays.equals(first.get(0).validation(), second.get(0).validation()));
        assertFalse(Arrays.equals(first.get(0).validation(), IntStream.range(0, 8).toArray()));
    }

    @Test
    void aFoldGivesViewsForTraining() {
        TensorDataset data = TensorDatasetTest.numbered(10);
        Fold fold = new KFold(5).split(data.size()).get(1);

        assertArrayEquals(new float[] {2, 3}, fold.validation(data).batch(0, 1).targets().toFloatArray());
        int seen = 0;
        for (Batch batch : new DataLoader(fold.train(data), 3)) {
            seen += batch.size();
        }
        assertEquals(8, seen);
    }

    @Test
    void tooManyOrTooFewFoldsAreRefused() {
        var many = assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(4));
        assertEquals("KFold: cannot cut 4 examples into 5 folds; use at most 4 folds", many.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> new KFold(1));
        assertEquals("KFold: need at least 2 folds, got 1", one.getMessage());
    }

    /** Every example validates in exactly one fold and trains in all the others. */
    static void assertFolds(int n, List<Fold> folds) {
        int[][] validations = folds.stream().map(Fold::validation).toArray(int[][]::new);
        assertPartition(n, validations);
        for (Fold fold : folds) {
            assertPartition(n, fold.train(), fold.validation());
        }
    }
}
