package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BinaryAccuracyTest {

    private final Tensor scores = tensor("binary/scores");
    private final Tensor labels = tensor("binary/labels");

    @Test
    void countsPredictionsStrictlyAboveTheThresholdAsOne() {
        var accuracy = new BinaryAccuracy();
        accuracy.update(Tensor.of(0.2f, 0.5f, 0.51f, 0.9f), Tensor.of(0f, 1f, 1f, 0f));
        assertEquals(0.5, accuracy.result()); // 0.5 is predicted 0, as Keras's y_pred > threshold
        assertEquals("binary_accuracy", accuracy.name());
    }

    @Test
    void matchesScikitLearn() {
        assertClose("accuracy", value("binary/accuracy"), result(new BinaryAccuracy(), scores, labels, null));
        assertClose("threshold 0.3", value("binary/accuracy_threshold_0.3"),
                result(new BinaryAccuracy().threshold(0.3f), scores, labels, null));
        assertClose("weighted", value("binary/accuracy_weighted_samples"),
                result(new BinaryAccuracy(), scores, labels, tensor("binary/weights")));
        assertClose("logits", value("binary/accuracy_logits"),
                result(new BinaryAccuracy().fromLogits(true), tensor("binary/logits"), labels, null));
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(BinaryAccuracy::new, scores, labels, tensor("binary/weights"));
    }

    @Test
    void logitsAreComparedWithTheLogitOfTheThreshold() {
        var accuracy = new BinaryAccuracy().fromLogits(true).threshold(0.75f); // log 3 ≈ 1.0986
        accuracy.update(Tensor.of(1.09f, 1.1f), Tensor.of(0f, 1f));
        assertEquals(1.0, accuracy.result());
        assertTrue(accuracy.fromLogits());
        assertEquals(0.75f, accuracy.threshold());
    }

    @Test
    void multiLabelOutputsCountEveryElementAndWeightsRepeatPerSample() {
        var accuracy = new BinaryAccuracy();
        Tensor p = Tensor.of(new float[] {0.9f, 0.1f, 0.8f, 0.7f}, 2, 2);
        Tensor t = Tensor.of(new float[] {1f, 0f, 0f, 0f}, 2, 2);
        accuracy.update(p, t, Tensor.of(1f, 3f));
        assertEquals((1 + 1 + 0 + 0) / 8.0, accuracy.result()); // Keras: (1·1 + 3·0) / (1 + 3)
    }

    @Test
    void aTrailingAxisOfSizeOneIsIgnored() {
        var accuracy = new BinaryAccuracy();
        accuracy.update(Tensor.of(new float[] {0.9f, 0.2f}, 2, 1), Tensor.of(1f, 1f));
        assertEquals(0.5, accuracy.result());
    }

    @Test
    void isZeroBeforeAnyUpdateAndAfterReset() {
        var accuracy = new BinaryAccuracy();
        assertEquals(0.0, accuracy.result());
        accuracy.update(Tensor.of(0.9f), Tensor.of(1f));
        accuracy.reset();
        assertEquals(0.0, accuracy.result());
    }

    @Test
    void errorsNameTheMetricAndTheProblem() {
        var accuracy = new BinaryAccuracy();
        var shape = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertEquals("BinaryAccuracy: predictions [4, 3] and targets [4, 2] differ in shape; they should be equal",
                shape.getMessage());
        var target = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.of(0.1f, 0.2f), Tensor.of(1f, 0.5f)));
        assertEquals("BinaryAccuracy: target 0.5 at flat position 1 is not 0 or 1", target.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.of(0.1f, Float.NaN), Tensor.of(1f, 0f)));
        assertEquals("BinaryAccuracy: predictions [2] hold NaN at flat position 1", nan.getMessage());
        var weights = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(4, 3), Tensor.zeros(4, 3), Tensor.ones(3)));
        assertEquals("BinaryAccuracy: sample weights [3] do not fit [4, 3]: give one weight per sample, shape [4],"
                + " or one per observation, shape [4, 3]", weights.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> accuracy.update(Tensor.zeros(2), Tensor.zeros(2), Tensor.of(1f, -1f)));
        assertEquals("BinaryAccuracy: sample weight -1.0 at flat position 1 should be finite and ≥ 0",
                negative.getMessage());
        assertEquals(0.0, accuracy.result(), "a refused batch changes nothing");
        assertThrows(IllegalArgumentException.class, () -> new BinaryAccuracy().threshold(1f));
    }
}
