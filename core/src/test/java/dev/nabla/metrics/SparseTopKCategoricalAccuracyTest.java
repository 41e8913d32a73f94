package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparseTopKCategoricalAccuracyTest {

    private final Tensor scores = tensor("multiclass/scores");
    private final Tensor labels = tensor("multiclass/labels");
    private final Tensor weights = tensor("multiclass/weights");

    @Test
    void matchesScikitLearnForEveryK() {
        for (int k = 1; k <= 3; k++) {
            assertClose("top " + k, value("multiclass/top_" + k),
                    result(new SparseTopKCategoricalAccuracy(k), scores, labels, null));
            assertClose("top " + k + " weighted", value("multiclass/top_" + k + "_weighted_samples"),
                    result(new SparseTopKCategoricalAccuracy(k), scores, labels, weights));
        }
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(() -> new SparseTopKCategoricalAccuracy(2), scores, labels, weights);
    }

    @Test
    void aLabelTiedAtTheKthPlaceIsIn() {
        var top2 = new SparseTopKCategoricalAccuracy(2);
        top2.update(Tensor.of(new float[][] {{0.1f, 0.3f, 0.3f, 0.3f}}), Tensor.of(3f));
        assertEquals(1.0, top2.result());
        assertEquals("sparse_top_k_categorical_accuracy", top2.name());
        assertEquals(5, new SparseTopKCategoricalAccuracy().k());
    }

    @Test
    void labelsOutOfRangeAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SparseTopKCategoricalAccuracy(2).update(Tensor.zeros(1, 4), Tensor.of(-1f)));
        assertEquals("SparseTopKCategoricalAccuracy: label -1.0 at flat position 0 is not a class index in [0, 4)",
                e.getMessage());
    }
}
