package dev.nabla.data;

import static dev.nabla.data.SplitFixtures.assertPartition;
import static dev.nabla.data.SplitFixtures.assertProportional;
import static dev.nabla.data.SplitFixtures.classCounts;
import static dev.nabla.data.SplitFixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void trainTestSizesAreScikitLearns() {
        for (TorchFixture fixture : SplitFixtures.cases("train_test_")) {
            int n = SplitFixtures.labelsOf(fixture).dim(0);
            double fraction = Double.parseDouble(fixture.option("test_fraction"));
            SplitIndices split = Splits.trainTest(n, fraction, new Generator(1));

            assertArrayEquals(ints(fixture.tensor("sizes")), new int[] {split.train().length, split.test().length},
                    fixture.name());
            assertEquals(0, split.validation().length);
            assertPartition(n, split.train(), split.test());
        }
    }

    @Test
    void stratifiedTrainTestClassCountsAreScikitLearnsWhereItsDrawDoesNotDecide() {
        for (TorchFixture fixture : SplitFixtures.cases("train_test_")) {
            Tensor labels = SplitFixtures.labelsOf(fixture);
            int[] classes = ints(labels);
            int numClasses = fixture.tensor("counts").dim(1);
            int[] expected = ints(fixture.tensor("counts"));
            for (long seed = 0; seed < 5; seed++) {
                SplitIndices split = Splits.stratifiedTrainTest(labels,
                        Double.parseDouble(fixture.option("test_fraction")), new Generator(seed));
                int[] actual = IntStream.concat(IntStream.of(classCounts(classes, split.train(), numClasses)),
                        IntStream.of(classCounts(classes, split.test(), numClasses))).toArray();
                if (fixture.flag("tie_free")) {
                    assertArrayEquals(expected, actual, fixture.name());
                } else {
                    for (int i = 0; i < actual.length; i++) {
                        assertTrue(Math.abs(actual[i] - expected[i]) <= 1, fixture.name() + " count " + i);
                    }
                }
                assertPartition(classes.length, split.train(), split.test());
                assertProportional(classes, split.test(), numClasses, fixture.name() + " test");
            }
        }
    }

    @Test
    void trainValidationTestSizesFollowScikitLearnsTestSizeRule() {
        for (TorchFixture fixture : SplitFixtures.cases("train_validation_test_")) {
            Tensor labels = SplitFixtures.labelsOf(fixture);
            int[] classes = ints(labels);
            double validation = Double.parseDouble(fixture.option("validation_fraction"));
            double test = Double.parseDouble(fixture.option("test_fraction"));
            int[] expected = ints(fixture.tensor("sizes"));
            int numClasses = SplitFixtures.set(fixture.name().substring(0, fixture.name().indexOf('/')))
                    .tensor("class_weight").dim(0);

            SplitIndices plain = Splits.trainValidationTest(classes.length, validation, test, new Generator(2));
            assertArrayEquals(expected, sizes(plain), fixture.name());
            assertPartition(classes.length, plain.train(), plain.validation(), plain.test());
            for (long seed = 0; seed < 20; seed++) {
                SplitIndices split = Splits.stratifiedTrainValidationTest(labels, validation, test,
                        new Generator(seed));
                assertArrayEquals(expected, sizes(split), fixture.name());
                assertPartition(classes.length, split.train(), split.validation(), split.test());
                assertProportional(classes, split.train(), numClasses, fixture.name() + " train");
                assertProportional(classes, split.validation(), numClasses, fixture.name() + " validation");
                assertProportional(classes, split.test(), numClasses, fixture.name() + " test");
            }
        }
    }

    @Test
    void seventyFifteenFifteen() {
        SplitIndices split = Splits.trainValidationTest(100, 0.15, 0.15, new Generator(0));

        assertArrayEquals(new int[] {70, 15, 15}, sizes(split));
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        Tensor labels = SplitFixtures.set("imbalanced3").tensor("labels");

        SplitIndices first = Splits.stratifiedTrainValidationTest(labels, 0.2, 0.1, new Generator(5));
        SplitIndices again = Splits.stratifiedTrainValidationTest(labels, 0.2, 0.1, new Generator(5));
        SplitIndices other = Splits.stratifiedTrainValidationTest(labels, 0.2, 0.1, new Generator(6));

        assertArrayEquals(first.test(), again.test());
        assertArrayEquals(first.validation(), again.validation());
        assertFalse(Arrays.equals(first.test(), other.test()));
        assertArrayEquals(Splits.trainTest(50, 0.3, new Generator(9)).test(),
                Splits.trainTest(50, 0.3, new Generator(9)).test());
    }

    @Test
    void withoutAGeneratorTheLastExamplesAreHeldOut() {
        SplitIndices split = Splits.trainValidationTest(10, 0.2, 0.3, null);

        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, split.train());
        assertArrayEquals(new int[] {5, 6}, split.validation());
        assertArrayEquals(new int[] {7, 8, 9}, split.test());
        assertArrayEquals(new int[] {8, 9}, Splits.trainTest(10, 0.2, null).test());
    }

    @Test
    void fractionsOutOfRangeAreRefused() {
        var zero = assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, 0, new Generator(0)));
        assertEquals("Splits.trainTest: the test fraction must be in (0, 1), got 0.0", zero.getMessage());
        var percent = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainValidationTest(10, 15, 0.15, new Generator(0)));
        assertEquals("Splits.trainValidationTest: the validation fraction must be in (0, 1), got 15.0",
                percent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, Double.NaN, new Generator(0)));
        var nothingLeft = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainValidationTest(10, 0.5, 0.5, new Generator(0)));
        assertEquals("Splits.trainValidationTest: holding out 10 of 10 examples leaves none to train on;"
                + " lower the fractions", nothingLeft.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(0, 0.2, null));
        assertEquals("Splits.trainTest: there are no examples to split (size 0)", empty.getMessage());
    }

    @Test
    void stratifyingNeedsEnoughExamplesOfEachClassAndWholeNumberLabels() {
        var lonely = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedTrainTest(Tensor.of(0, 0, 0, 1, 0, 0), 0.3, new Generator(0)));
        assertEquals("Splits.stratifiedTrainTest: class 1 has only 1 example(s); a stratified split into train,"
                + " test needs at least 2 of each class", lonely.getMessage());
        var small = assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedTrainValidationTest(
                Tensor.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2), 0.1, 0.3, new Generator(0)));
        assertEquals("Splits.stratifiedTrainValidationTest: the validation part would hold 2 examples, fewer than"
                + " the 3 classes; raise the validation fraction", small.getMessage());
        var fractional = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedTrainTest(Tensor.of(0, 1, 0.5f, 1), 0.5, new Generator(0)));
        assertEquals("Splits.stratifiedTrainTest: label 0.5 of example 2 is not a class index; labels are whole"
                + " numbers such as 0, 1, 2", fractional.getMessage());
        var unseeded = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedTrainTest(Tensor.of(0, 1, 0, 1), 0.5, null));
        assertEquals("Splits.stratifiedTrainTest: a stratified split is drawn at random; give it a generator",
                unseeded.getMessage());
    }

    @Test
    void thePartsAreViewsOfTheDataSet() {
        TensorDataset data = TensorDatasetTest.numbered(20);
        float[] parity = new float[20];
        for (int i = 0; i < 20; i++) {
            parity[i] = i % 2;
        }
        SplitIndices split = Splits.stratifiedTrainTest(Tensor.of(parity), 0.25, new Generator(3));

        Subset test = split.test(data);
        assertEquals(5, test.size());
        assertArrayEquals(toFloats(split.test()), test.batch(0, 1, 2, 3, 4).targets().toFloatArray());
        assertEquals(15, split.train(data).size());
        assertEquals(0, split.validation(data).size());
    }

    private static int[] sizes(SplitIndices split) {
        return new int[] {split.train().length, split.validation().length, split.test().length};
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
