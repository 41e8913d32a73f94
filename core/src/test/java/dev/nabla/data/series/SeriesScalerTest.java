package dev.nabla.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SeriesScalerTest {

    @Test
    void fittedOnTheTrainingStepsItScalesLaterStepsByTheirMeanAndDeviation() {
        // training steps 1, 2, 3: mean 2, population deviation sqrt(2/3)
        SeriesScaler scaler = SeriesScaler.fit(Tensor.of(1f, 2f, 3f));
        float deviation = (float) Math.sqrt(2 / 3.0);

        Tensor test = scaler.transform(Tensor.of(4f, 5f));

        assertArrayEquals(new float[] {2 / deviation, 3 / deviation}, test.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {4f, 5f}, scaler.inverse(test).toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {2f}, scaler.mean(), 1e-7f);
    }

    @Test
    void eachColumnHasItsOwnScaleAndAConstantColumnKeepsOne() {
        Tensor train = Tensor.of(new float[] {0, 7, 2, 7, 4, 7}, 3, 2);

        SeriesScaler scaler = SeriesScaler.fit(train);

        assertArrayEquals(new float[] {2f, 7f}, scaler.mean(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.sqrt(8 / 3.0), 1f}, scaler.scale(), 1e-6f);
        // forecasts of column 0 alone go back through column 0's mean and scale: 2 + 5/sqrt(8/3) · sqrt(8/3)
        assertArrayEquals(new float[] {7f}, scaler.inverse(Tensor.of((float) (5 / Math.sqrt(8 / 3.0))), 0)
                .toFloatArray(), 1e-5f);
    }

    @Test
    void aNanInTheTrainingStepsOrAWrongWidthIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> SeriesScaler.fit(Tensor.of(1f, Float.NaN)));
        assertTrue(error.getMessage().contains("the training steps hold NaN at time step 1"), error.getMessage());

        SeriesScaler scaler = SeriesScaler.fit(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        var width = assertThrows(IllegalArgumentException.class, () -> scaler.transform(Tensor.of(1f, 2f, 3f)
                .reshape(1, 3)));
        assertTrue(width.getMessage().contains("fitted on 2 column(s)"), width.getMessage());
    }
}
