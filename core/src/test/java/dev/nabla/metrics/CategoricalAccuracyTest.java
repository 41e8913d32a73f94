package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CategoricalAccuracyTest {

    private final Tensor scores = tensor("multiclass/scores");
    private final Tensor oneHot = tensor("multiclass/labels").oneHot(4);

    @Test
    void comparesTheArgMaxOfPredictionsAndTargets() {
        var accuracy = new CategoricalAccuracy();
        Tensor p = Tensor.of(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}, {0.4f, 0.4f, 0.2f}});
        Tensor t = Tensor.of(new float[][] {{0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
        accuracy.update(p, t);
        assertEquals(1 / 3.0, accuracy.result()); // the tie in row 3 goes to the first class, 0
        assertEquals("categorical_accuracy", accuracy.name());
    }

    @Test
    void matchesScikitLearn() {
        assertClose("accuracy", value("multiclass/accuracy"), result(new CategoricalAccuracy(), scores, oneHot, null));
        assertClose("weighted", value("multiclass/accuracy_weighted_samples"),
                result(new CategoricalAccuracy(), scores, oneHot, tensor("multiclass/weights")));
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(CategoricalAccuracy::new, scores, oneHot, tensor("multiclass/weights"));
    }

    @Test
    void integerLabelsAreRefusedWithAHint() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().update(Tensor.zeros(5, 3), Tensor.zeros(5)));
        assertEquals("CategoricalAccuracy: predictions [5, 3] and one-hot targets [5] differ in shape;"
                + " for integer labels use the sparse version of this metric", e.getMessage());
    }
}
