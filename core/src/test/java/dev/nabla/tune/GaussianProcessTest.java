package dev.nabla.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    @Test
    void maternFiveHalvesHasItsClosedForm() {
        double[] lengths = {0.5, 2.0};
        double r = Math.sqrt(Math.pow(0.3 / 0.5, 2) + Math.pow(0.4 / 2.0, 2));
        double expected = 1.5 * (1 + Math.sqrt(5) * r + 5 * r * r / 3) * Math.exp(-Math.sqrt(5) * r);
        assertEquals(expected, GaussianProcess.kernel(new double[] {0.1, 0.2}, new double[] {0.4, 0.6}, lengths, 1.5),
                1e-15);
        assertEquals(1.5, GaussianProcess.kernel(new double[] {0.3, 0.3}, new double[] {0.3, 0.3}, lengths, 1.5), 0);
    }

    @Test
    void fittedModelInterpolatesAndIsUncertainAwayFromTheData() {
        Random random = new Random(2);
        double[][] x = new double[15][];
        double[] y = new double[15];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble() * 0.5};
            y[i] = Math.sin(6 * x[i][0]) * 10 + 3;
        }
        GaussianProcess model = GaussianProcess.fit(x, y);

        for (int i = 0; i < x.length; i++) {
            double[] prediction = model.predict(x[i]);
            assertEquals(y[i], prediction[0], 0.05, "at a training point");
            assertTrue(prediction[1] < 0.2, "sure at a training point: " + prediction[1]);
        }
        assertEquals(Math.sin(6 * 0.25) * 10 + 3, model.predict(new double[] {0.25})[0], 0.3, "between the points");
        assertTrue(model.predict(new double[] {1.0})[1] > 1.0, "unsure far from the data");
    }

    @Test
    void choleskyReproducesTheMatrix() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        double[][] l = GaussianProcess.cholesky(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k <= j; k++) {
                    sum += l[i][k] * l[j][k];
                }
                assertEquals(a[i][j], sum, 1e-12);
            }
        }
    }
}
