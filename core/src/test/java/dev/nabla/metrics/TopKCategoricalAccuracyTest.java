package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TopKCategoricalAccuracyTest {

    private final Tensor scores = tensor("multiclass/scores");
    private final Tensor oneHot = tensor("multiclass/labels").oneHot(4);
    private final Tensor weights = tensor("multiclass/weights");

    @Test
    void matchesScikitLearnForEveryK() {
        for (int k = 1; k <= 3; k++) {
            assertClose("top " + k, value("multiclass/top_" + k),
                    result(new TopKCategoricalAccuracy(k), scores, oneHot, null));
            assertClose("top " + k + " weighted", value("multiclass/top_" + k + "_weighted_samples"),
                    result(new TopKCategoricalAccuracy(k), scores, oneHot, weights));
        }
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(() -> new TopKCategoricalAccuracy(2), scores, oneHot, weights);
    }

    @Test
    void classesTiedAtTheKthPlaceAllCountAsInTheTopK() {
        Tensor p = Tensor.of(new float[][] {{0.4f, 0.3f, 0.3f}, {0.4f, 0.3f, 0.3f}});
        Tensor t = Tensor.of(new float[][] {{0, 1, 0}, {0, 0, 1}});
        var top2 = new TopKCategoricalAccuracy(2);
        top2.update(p, t);
        assertEquals(1.0, top2.result()); // in_top_k: fewer than 2 classes score above 0.3
        var top1 = new TopKCategoricalAccuracy(1);
        top1.update(p, t);
        assertEquals(0.0, top1.result());
    }

    @Test
    void defaultsToKerasKOfFiveAndEveryClassIsAHitWhenKIsAtLeastC() {
        var metric = new TopKCategoricalAccuracy();
        assertEquals(5, metric.k());
        assertEquals("top_k_categorical_accuracy", metric.name());
        metric.update(scores, oneHot);
        assertEquals(1.0, metric.result());
    }

    @Test
    void kMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0));
        assertEquals("TopKCategoricalAccuracy: k must be at least 1, got 0", e.getMessage());
    }
}
