package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void rowsAreTrueClassesAndColumnsPredictedOnes() {
        var matrix = new ConfusionMatrix(3);
        matrix.update(Tensor.of(0f, 2f, 2f, 1f), Tensor.of(0f, 1f, 2f, 1f));
        assertArrayEquals(new long[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 1}}, matrix.matrix());
        assertEquals("confusion_matrix", matrix.name());
    }

    @Test
    void matchesScikitLearn() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            var counts = new ConfusionMatrix();
            MetricFixtures.feedInPieces(counts, set.predictions(), set.labels(), null);
            assertClose(set.name(), values(set.name() + "/confusion_matrix"), flatten(counts.weightedMatrix()));
            assertArrayEquals(values(set.name() + "/confusion_matrix"),
                    Arrays.stream(counts.matrix()).flatMapToLong(Arrays::stream).asDoubleStream().toArray());
            var weighted = new ConfusionMatrix();
            MetricFixtures.feedInPieces(weighted, set.predictions(), set.labels(), set.weights());
            assertClose(set.name() + " weighted", values(set.name() + "/confusion_matrix_weighted_samples"),
                    flatten(weighted.weightedMatrix()));
            assertArrayEquals(counts.matrix(), weighted.matrix(), "counts ignore weights");
        }
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            MetricFixtures.assertStreamsExactly(ConfusionMatrix::new, set.predictions(), set.labels(), set.weights());
        }
    }

    @Test
    void growsToTheLargestClassSeenOrTheScoresClassAxis() {
        var matrix = new ConfusionMatrix();
        assertEquals(0, matrix.numClasses());
        matrix.update(Tensor.of(1f), Tensor.of(1f));
        assertEquals(2, matrix.numClasses());
        matrix.update(Tensor.zeros(2, 5), Tensor.of(0f, 4f));
        assertEquals(5, matrix.numClasses());
        matrix.reset();
        assertEquals(0, matrix.numClasses());
    }

    @Test
    void aFixedSizeRefusesLargerLabels() {
        var matrix = new ConfusionMatrix(3);
        var label = assertThrows(IllegalArgumentException.class, () -> matrix.update(Tensor.of(0f), Tensor.of(3f)));
        assertEquals("ConfusionMatrix: label 3.0 at flat position 0 is not a class index in [0, 3)", label.getMessage());
        var scores = assertThrows(IllegalArgumentException.class,
                () -> matrix.update(Tensor.zeros(2, 4), Tensor.of(0f, 1f)));
        assertEquals("ConfusionMatrix: predictions [2, 4] score 4 classes, but the metric counts 3", scores.getMessage());
        assertArrayEquals(new long[3][3], matrix.matrix());
    }

    @Test
    void hasEveryEntryAsResultsButNoSingleResult() {
        var matrix = new ConfusionMatrix(2);
        matrix.update(Tensor.of(1f, 1f), Tensor.of(0f, 1f), Tensor.of(0.5f, 2f));
        assertEquals(4, matrix.results().size());
        assertEquals(0.5, matrix.results().get("confusion_matrix[0][1]"));
        assertEquals(2.0, matrix.results().get("confusion_matrix[1][1]"));
        assertThrows(UnsupportedOperationException.class, matrix::result);
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
    }

    private static double[] flatten(double[][] matrix) {
        return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray();
    }
}
