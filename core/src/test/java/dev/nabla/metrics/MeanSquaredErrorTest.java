package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanSquaredErrorTest {

    @Test
    void averagesTheSquaredDifferences() {
        var metric = new MeanSquaredError();
        metric.update(Tensor.of(1f, 2f, 3f), Tensor.of(2f, 0f, 3f));
        assertEquals((1 + 4 + 0) / 3.0, metric.result(), 1e-15);
        assertEquals("mse", metric.name());
    }

    @Test
    void matchesScikitLearn() {
        MetricFixtures.assertRegressionMatchesScikitLearn(MeanSquaredError::new, "mse");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(MeanSquaredError::new, MetricFixtures.tensor("regression/predictions"),
                MetricFixtures.tensor("regression/targets"), MetricFixtures.tensor("regression/weights"));
    }

    @Test
    void perSampleWeightsCoverEveryOutputOfTheSample() {
        var weighted = new MeanSquaredError();
        weighted.update(Tensor.of(new float[][] {{1f, 1f}, {3f, 3f}}), Tensor.zeros(2, 2), Tensor.of(3f, 1f));
        var repeated = new MeanSquaredError();
        repeated.update(Tensor.of(1f, 1f, 1f, 1f, 1f, 1f, 3f, 3f), Tensor.zeros(8));
        assertEquals(repeated.result(), weighted.result(), 1e-15);
    }

    @Test
    void isZeroBeforeAnyUpdate() {
        assertEquals(0.0, new MeanSquaredError().result());
    }

    @Test
    void shapeErrorsNameTheMetricAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().update(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertEquals("MeanSquaredError: predictions [4, 3] and targets [4, 2] differ in shape; they should be equal",
                e.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().update(Tensor.of(1f), Tensor.of(Float.NaN)));
        assertEquals("MeanSquaredError: targets [1] hold NaN at flat position 0", nan.getMessage());
    }
}
