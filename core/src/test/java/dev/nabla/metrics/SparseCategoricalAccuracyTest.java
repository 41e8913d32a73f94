package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparseCategoricalAccuracyTest {

    private final Tensor scores = tensor("multiclass/scores");
    private final Tensor labels = tensor("multiclass/labels");

    @Test
    void comparesTheArgMaxWithTheLabel() {
        var accuracy = new SparseCategoricalAccuracy();
        accuracy.update(Tensor.of(new float[][] {{2f, -1f, 0f}, {0f, 3f, 1f}}), Tensor.of(0f, 2f));
        assertEquals(0.5, accuracy.result());
        assertEquals("sparse_categorical_accuracy", accuracy.name());
    }

    @Test
    void matchesScikitLearn() {
        assertClose("accuracy", value("multiclass/accuracy"), result(new SparseCategoricalAccuracy(), scores, labels, null));
        assertClose("weighted", value("multiclass/accuracy_weighted_samples"),
                result(new SparseCategoricalAccuracy(), scores, labels, tensor("multiclass/weights")));
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(SparseCategoricalAccuracy::new, scores, labels, tensor("multiclass/weights"));
    }

    @Test
    void labelsMayHaveATrailingAxisOfSizeOne() {
        var accuracy = new SparseCategoricalAccuracy();
        accuracy.update(scores, labels.reshape(-1, 1));
        assertClose("labels [N, 1]", value("multiclass/accuracy"), accuracy.result());
    }

    @Test
    void labelsOutOfRangeOrOfTheWrongShapeAreNamed() {
        var accuracy = new SparseCategoricalAccuracy();
        var range = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(2, 3), Tensor.of(1f, 3f)));
        assertEquals("SparseCategoricalAccuracy: label 3.0 at flat position 1 is not a class index in [0, 3)",
                range.getMessage());
        var fraction = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(2, 3), Tensor.of(1f, 0.5f)));
        assertEquals("SparseCategoricalAccuracy: label 0.5 at flat position 1 is not a class index in [0, 3)",
                fraction.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("SparseCategoricalAccuracy: labels [4] should have shape [2], one class index per sample",
                shape.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.of(new float[][] {{0f, Float.NaN}}), Tensor.of(1f)));
        assertEquals("SparseCategoricalAccuracy: predictions [1, 2] hold NaN at flat position 1", nan.getMessage());
    }
}
