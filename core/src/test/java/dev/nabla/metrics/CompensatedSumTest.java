package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    @Test
    void keepsWhatAPlainDoubleSumRoundsAway() {
        var sum = new CompensatedSum();
        double plain = 0;
        for (double x : new double[] {1e16, 1, 1, 1, 1, -1e16}) {
            sum.add(x);
            plain += x;
        }
        assertEquals(4.0, sum.value());
        assertEquals(0.0, plain); // each 1 is lost next to 1e16
    }

    @Test
    void sumsTenMillionTenthsToTheNearestDouble() {
        var sum = new CompensatedSum();
        for (int i = 0; i < 10_000_000; i++) {
            sum.add(0.1);
        }
        assertEquals(1e6, sum.value(), 1e-9);
        sum.reset();
        assertEquals(0.0, sum.value());
    }
}
