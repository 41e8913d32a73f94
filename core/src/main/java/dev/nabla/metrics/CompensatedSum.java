package dev.nabla.metrics;

/**
 * A running sum with Neumaier's compensation: the rounding error of each addition is kept
 * and added back, so the sum of millions of terms is as accurate as one rounding.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double next = sum + value;
        compensation += Math.abs(sum) >= Math.abs(value) ? (sum - next) + value : (value - next) + sum;
        sum = next;
    }

    double value() {
        return sum + compensation;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }
}
