package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void picksTheAccuracyFromTheShapesOfTheFirstBatchAsKerasDoes() {
        assertInstanceOf(BinaryAccuracy.class, resolve(Tensor.zeros(4, 1), Tensor.zeros(4, 1)));
        assertInstanceOf(BinaryAccuracy.class, resolve(Tensor.zeros(4), Tensor.zeros(4)));
        assertInstanceOf(SparseCategoricalAccuracy.class, resolve(Tensor.zeros(4, 3), Tensor.zeros(4)));
        assertInstanceOf(SparseCategoricalAccuracy.class, resolve(Tensor.zeros(4, 3), Tensor.zeros(4, 1)));
        assertInstanceOf(CategoricalAccuracy.class, resolve(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
    }

    @Test
    void givesTheResultOfTheAccuracyItPicked() {
        Tensor scores = tensor("multiclass/scores");
        var sparse = new Accuracy();
        MetricFixtures.feedInPieces(sparse, scores, tensor("multiclass/labels"), null);
        assertClose("sparse", value("multiclass/accuracy"), sparse.result());
        var categorical = new Accuracy();
        MetricFixtures.feedInPieces(categorical, scores, tensor("multiclass/labels").oneHot(4), null);
        assertClose("categorical", value("multiclass/accuracy"), categorical.result());
        var binary = new Accuracy();
        MetricFixtures.feedInPieces(binary, tensor("binary/scores"), tensor("binary/labels"), null);
        assertClose("binary", value("binary/accuracy"), binary.result());
        assertEquals("accuracy", binary.name());
    }

    @Test
    void keepsItsChoiceAcrossReset() {
        var accuracy = new Accuracy();
        assertNull(accuracy.resolved());
        assertEquals(0.0, accuracy.result());
        accuracy.update(Tensor.of(0.9f, 0.1f), Tensor.of(1f, 1f));
        assertEquals(0.5, accuracy.result());
        Metric chosen = accuracy.resolved();
        accuracy.reset();
        assertEquals(0.0, accuracy.result());
        assertEquals(chosen, accuracy.resolved());
    }

    private static Metric resolve(Tensor predictions, Tensor targets) {
        var accuracy = new Accuracy();
        accuracy.update(predictions, targets);
        return accuracy.resolved();
    }
}
