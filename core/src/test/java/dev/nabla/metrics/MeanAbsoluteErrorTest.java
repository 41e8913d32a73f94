package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanAbsoluteErrorTest {

    @Test
    void averagesTheAbsoluteDifferences() {
        var metric = new MeanAbsoluteError();
        metric.update(Tensor.of(1f, 2f, 3f), Tensor.of(2f, 0f, 3f));
        assertEquals((1 + 2 + 0) / 3.0, metric.result(), 1e-15);
        assertEquals("mae", metric.name());
    }

    @Test
    void matchesScikitLearn() {
        MetricFixtures.assertRegressionMatchesScikitLearn(MeanAbsoluteError::new, "mae");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(MeanAbsoluteError::new, MetricFixtures.tensor("regression/predictions"),
                MetricFixtures.tensor("regression/targets"), MetricFixtures.tensor("regression/weights"));
    }

    @Test
    void perSampleWeightsCoverEveryOutputOfTheSample() {
        var weighted = new MeanAbsoluteError();
        weighted.update(Tensor.of(new float[][] {{1f, 1f}, {3f, 3f}}), Tensor.zeros(2, 2), Tensor.of(3f, 1f));
        var repeated = new MeanAbsoluteError();
        repeated.update(Tensor.of(1f, 1f, 1f, 1f, 1f, 1f, 3f, 3f), Tensor.zeros(8));
        assertEquals(repeated.result(), weighted.result(), 1e-15);
    }

    @Test
    void isZeroBeforeAnyUpdate() {
        assertEquals(0.0, new MeanAbsoluteError().result());
    }

    @Test
    void shapeErrorsNameTheMetricAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanAbsoluteError().update(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertEquals("MeanAbsoluteError: predictions [4, 3] and targets [4, 2] differ in shape; they should be equal",
                e.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> new MeanAbsoluteError().update(Tensor.of(1f), Tensor.of(Float.NaN)));
        assertEquals("MeanAbsoluteError: targets [1] hold NaN at flat position 0", nan.getMessage());
    }
}
