package dev.nabla.explain;

/**
 * The nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1] (NumPy's
 * {@code polynomial.legendre.leggauss}), in ascending order: each node a root of the
 * Legendre polynomial P_n found by Newton's method from Tricomi's estimate.
 */
final class GaussLegendre {

    private GaussLegendre() {
    }

    static double[] nodes(int n) {
        return compute(n)[0];
    }

    static double[] weights(int n) {
        return compute(n)[1];
    }

    private static double[][] compute(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Gauss-Legendre quadrature needs at least 1 point, got " + n);
        }
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] values = legendre(n, x);
                derivative = values[1];
                double step = values[0] / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            derivative = legendre(n, x)[1];
            double weight = 2 / ((1 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = weight;
            weights[n - 1 - i] = weight;
        }
        return new double[][] {nodes, weights};
    }

    /** P_n(x) and P_n'(x) by the three-term recurrence. */
    private static double[] legendre(int n, double x) {
        double previous = 1;
        double current = x;
        if (n == 0) {
            return new double[] {1, 0};
        }
        for (int k = 2; k <= n; k++) {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        double derivative = n * (x * current - previous) / (x * x - 1);
        return new double[] {current, derivative};
    }
}
