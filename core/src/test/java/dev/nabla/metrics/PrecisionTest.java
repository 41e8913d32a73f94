package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void isTheFractionOfPredictedPositivesThatAreRight() {
        var precision = new Precision();
        precision.update(Tensor.of(0.9f, 0.8f, 0.6f, 0.2f, 0.5f), Tensor.of(1f, 1f, 0f, 1f, 1f));
        assertEquals(2.0 / 3, precision.result()); // 0.5 is not above the threshold
        assertEquals("precision", precision.name());
        assertEquals(Average.BINARY, precision.average());
    }

    @Test
    void matchesScikitLearnForEveryAverage() {
        MetricFixtures.assertMatchesScikitLearn(Precision::new, "precision");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            for (Average average : new Average[] {Average.MACRO, Average.MICRO, Average.WEIGHTED, Average.NONE}) {
                MetricFixtures.assertStreamsExactly(() -> new Precision(average), set.predictions(), set.labels(),
                        set.weights());
            }
        }
    }

    @Test
    void aClassNeverPredictedHasPrecisionZero() {
        var precision = new Precision(Average.NONE);
        precision.update(Tensor.of(0f, 0f, 1f), Tensor.of(0f, 2f, 1f));
        assertArrayEquals(new double[] {0.5, 1, 0}, precision.perClass());
        assertEquals(Map.of("precision_0", 0.5, "precision_1", 1.0, "precision_2", 0.0), precision.results());
        var e = assertThrows(UnsupportedOperationException.class, precision::result);
        assertEquals("Precision: with Average.NONE there is one score per class; use perClass() or results()",
                e.getMessage());
    }

    @Test
    void theThresholdAppliesToBinaryPredictions() {
        var precision = new Precision().threshold(0.7f);
        precision.update(Tensor.of(0.9f, 0.6f), Tensor.of(1f, 0f));
        assertEquals(1.0, precision.result());
        assertEquals(0.7f, precision.threshold());
    }

    @Test
    void oneHotTargetsGiveTheSameAsLabels() {
        Tensor scores = MetricFixtures.tensor("multiclass/scores");
        Tensor labels = MetricFixtures.tensor("multiclass/labels");
        var fromOneHot = new Precision(Average.MACRO);
        fromOneHot.update(scores, labels.oneHot(4));
        var fromLabels = new Precision(Average.MACRO);
        fromLabels.update(scores, labels);
        assertEquals(fromLabels.result(), fromOneHot.result());
    }

    @Test
    void binaryModeNeedsPredictionsShapedLikeTheTargets() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Precision().update(Tensor.zeros(4, 3), Tensor.zeros(4)));
        assertEquals("Precision: with the binary average, predictions [4, 3] and targets [4] should have the same"
                + " shape (probabilities and 0/1 targets); for class scores [N, C] use Average.MACRO, MICRO, WEIGHTED or"
                + " NONE", e.getMessage());
        assertEquals("with the binary average, predictions [4, 3] and targets [4] should have the same shape"
                + " (probabilities and 0/1 targets); for class scores [N, C] give the metric an average, as in"
                + " {name: precision, average: macro}", ((AdvisedException) e).fileMessage());
    }

    @Test
    void probabilitiesAreNotClassIndices() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Precision(Average.MACRO).update(Tensor.of(0.7f, 0.2f), Tensor.of(1f, 0f)));
        assertEquals("Precision: predicted class 0.7 at flat position 0 is not a class index in [0, 2^24)",
                e.getMessage());
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> new Precision(Average.MACRO).update(Tensor.zeros(4, 3), Tensor.zeros(5)));
        assertEquals("Precision: predictions [4, 3] and targets [5] do not fit: give scores [N, C] with labels [N]"
                + " or one-hot targets [N, C], or predicted class indices of the same shape as the labels",
                shapes.getMessage());
    }
}
