package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RootMeanSquaredErrorTest {

    @Test
    void isTheRootOfTheMeanSquaredDifference() {
        var metric = new RootMeanSquaredError();
        metric.update(Tensor.of(1f, 2f, 3f), Tensor.of(2f, 0f, 3f));
        assertEquals(Math.sqrt((1 + 4 + 0) / 3.0), metric.result(), 1e-15);
        assertEquals("rmse", metric.name());
    }

    @Test
    void matchesScikitLearn() {
        MetricFixtures.assertRegressionMatchesScikitLearn(RootMeanSquaredError::new, "rmse");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(RootMeanSquaredError::new, MetricFixtures.tensor("regression/predictions"),
                MetricFixtures.tensor("regression/targets"), MetricFixtures.tensor("regression/weights"));
    }

    @Test
    void averagesTheRootMeanSquaredErrorOfEachOutputAsScikitLearn() {
        var rmse = new RootMeanSquaredError();
        rmse.update(Tensor.of(new float[][] {{1f, 3f}, {1f, 3f}}), Tensor.zeros(2, 2), Tensor.of(3f, 1f));
        assertEquals(2.0, rmse.result(), 1e-15); // (1 + 3) / 2, where Keras's sqrt((1 + 9) / 2) is 2.236
        assertEquals(2, rmse.perOutput().length);
        var e = assertThrows(IllegalArgumentException.class, () -> rmse.update(Tensor.zeros(1, 3), Tensor.zeros(1, 3)));
        assertEquals("RootMeanSquaredError: predictions [1, 3] have 3 outputs, earlier batches had 2", e.getMessage());
    }

    @Test
    void isZeroBeforeAnyUpdate() {
        assertEquals(0.0, new RootMeanSquaredError().result());
    }

    @Test
    void shapeErrorsNameTheMetricAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RootMeanSquaredError().update(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertEquals("RootMeanSquaredError: predictions [4, 3] and targets [4, 2] differ in shape; they should be equal",
                e.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> new RootMeanSquaredError().update(Tensor.of(1f), Tensor.of(Float.NaN)));
        assertEquals("RootMeanSquaredError: targets [1] hold NaN at flat position 0", nan.getMessage());
    }
}
