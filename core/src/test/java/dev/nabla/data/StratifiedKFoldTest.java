package dev.nabla.data;

import static dev.nabla.data.SplitFixtures.classCounts;
import static dev.nabla.data.SplitFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {

    @Test
    void classCountsPerFoldAreScikitLearnsShuffledOrNot() {
        for (TorchFixture fixture : SplitFixtures.cases("stratified_kfold_")) {
            Tensor labels = SplitFixtures.labelsOf(fixture);
            int[] classes = ints(labels);
            int k = fixture.tensor("counts").dim(0);
            int numClasses = fixture.tensor("counts").dim(1);
            for (StratifiedKFold kFold : List.of(new StratifiedKFold(k), new StratifiedKFold(k, new Generator(8)))) {
                List<Fold> folds = kFold.split(labels);

                int[] counts = folds.stream().flatMapToInt(f -> Arrays.stream(classCounts(classes, f.validation(),
                        numClasses))).toArray();
                assertArrayEquals(ints(fixture.tensor("counts")), counts, fixture.name() + " " + kFold);
                assertArrayEquals(ints(fixture.tensor("shuffled_counts")), counts, fixture.name() + " " + kFold);
                KFoldTest.assertFolds(classes.length, folds);
                for (Fold fold : folds) {
                    SplitFixtures.assertProportional(classes, fold.validation(), numClasses, fixture.name());
                }
            }
        }
    }

    @Test
    void unshuffledFoldsAreScikitLearnsExactly() {
        for (TorchFixture fixture : SplitFixtures.cases("stratified_kfold_")) {
            int[] expected = ints(fixture.tensor("folds"));
            List<Fold> folds = new StratifiedKFold(fixture.tensor("counts").dim(0))
                    .split(SplitFixtures.labelsOf(fixture));

            int[] foldOf = new int[expected.length];
            for (Fold fold : folds) {
                for (int i : fold.validation()) {
                    foldOf[i] = fold.index();
                }
            }
            assertArrayEquals(expected, foldOf, fixture.name());
        }
    }

    @Test
    void shuffledFoldsAreReproducible() {
        Tensor labels = SplitFixtures.set("uneven4").tensor("labels");

        List<Fold> first = new StratifiedKFold(5, new Generator(3)).split(labels);
        List<Fold> again = new StratifiedKFold(5, new Generator(3)).split(labels);
        List<Fold> unshuffled = new StratifiedKFold(5).split(labels);

        assertArrayEquals(first.get(2).validation(), again.get(2).validation());
        assertFalse(Arrays.equals(first.get(2).validation(), unshuffled.get(2).validation()));
    }

    @Test
    void aClassSmallerThanTheFoldCountIsRefused() {
        Tensor labels = Tensor.of(0, 0, 0, 1, 1, 0, 0, 1);

        var error = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(4).split(labels));
        assertEquals("StratifiedKFold: class 1 has only 3 example(s), fewer than the 4 folds; every fold needs one"
                + " of each class: use at most 3 folds or drop the class", error.getMessage());
        assertEquals(3, new StratifiedKFold(3).split(labels).size());
    }

    @Test
    void labelsMustBeOneWholeNumberPerExample() {
        var oneHot = assertThrows(IllegalArgumentException.class,
                () -> new StratifiedKFold(2).split(Tensor.zeros(6, 3)));
        assertEquals("StratifiedKFold: need one class label per example, shape [N], got shape [6, 3]; for one-hot"
                + " targets pass targets.argmax(1, false)", oneHot.getMessage());
        assertEquals(2, new StratifiedKFold(2).split(Tensor.of(new float[] {0, 1, 0, 1}, 4, 1)).size());
        assertThrows(IllegalArgumentException.class,
                () -> new StratifiedKFold(2).split(Tensor.of(0, 1, Float.NaN, 1)));
    }
}
