package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WeightedRidgeTest {

    @Test
    void oneFeatureByHand() {
        // Weighted means x̄ = 1, ȳ = 2.25; Σw(x−x̄)(y−ȳ) = 1, Σw(x−x̄)² = 2; β = 1 / (2 + α) = 1/3.
        WeightedRidge.Fit fit = WeightedRidge.fit(new double[][] {{0}, {1}, {2}}, new double[] {1, 3, 2},
                new double[] {1, 2, 1}, 1);
        assertEquals(1.0 / 3, fit.coefficients()[0], 1e-12);
        assertEquals(2.25 - 1.0 / 3, fit.intercept(), 1e-12);
    }

    @Test
    void exactLinearDataIsRecoveredWithoutPenalty() {
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}, {2, 3}, {-1, 2}};
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = 0.5 + 2 * rows[i][0] - 3 * rows[i][1];
        }
        WeightedRidge.Fit fit = WeightedRidge.fit(rows, y, new double[] {1, 2, 3, 1, 0.5}, 0);
        assertEquals(2, fit.coefficients()[0], 1e-9);
        assertEquals(-3, fit.coefficients()[1], 1e-9);
        assertEquals(0.5, fit.intercept(), 1e-9);
        assertEquals(1, fit.score(), 1e-12);
    }
}
