package dev.nabla.explain;

/**
 * How {@link IntegratedGradients} approximates its path integral, as Captum's {@code method}:
 * where along the straight path from baseline to input the gradients are taken ({@code alphas}
 * in [0, 1]) and the weight of each ({@code stepSizes}, summing to 1).
 */
public enum IntegrationRule {
    /** Gauss–Legendre quadrature (Captum's default {@code gausslegendre}): exact for polynomials of degree 2n − 1. */
    GAUSS_LEGENDRE,
    /** Captum's {@code riemann_trapezoid}: n points from 0 to 1, the two ends weighted by half. */
    RIEMANN_TRAPEZOID,
    /** Captum's {@code riemann_left}: points 0, 1/n, …, 1 − 1/n. */
    RIEMANN_LEFT,
    /** Captum's {@code riemann_right}: points 1/n, …, 1. */
    RIEMANN_RIGHT,
    /** Captum's {@code riemann_middle}: the midpoints of n equal intervals. */
    RIEMANN_MIDDLE;

    /** The points of {@code steps} evaluations along the path, each in [0, 1]. */
    double[] alphas(int steps) {
        double[] alphas = new double[steps];
        if (this == GAUSS_LEGENDRE) {
            double[] nodes = GaussLegendre.nodes(steps);
            for (int i = 0; i < steps; i++) {
                alphas[i] = 0.5 * (1 + nodes[i]);
            }
            return alphas;
        }
        for (int i = 0; i < steps; i++) {
            alphas[i] = switch (this) {
                case RIEMANN_TRAPEZOID -> steps == 1 ? 0 : (double) i / (steps - 1);
                case RIEMANN_LEFT -> (double) i / steps;
                case RIEMANN_RIGHT -> (double) (i + 1) / steps;
                default -> (i + 0.5) / steps;
            };
        }
        return alphas;
    }

    /** The weight of each evaluation. */
    double[] stepSizes(int steps) {
        double[] sizes = new double[steps];
        if (this == GAUSS_LEGENDRE) {
            double[] weights = GaussLegendre.weights(steps);
            for (int i = 0; i < steps; i++) {
                sizes[i] = 0.5 * weights[i];
            }
            return sizes;
        }
        if (this == RIEMANN_TRAPEZOID) {
            if (steps < 2) {
                throw new IllegalArgumentException("integrated gradients: the trapezoid rule needs at least 2 steps");
            }
            java.util.Arrays.fill(sizes, 1.0 / (steps - 1));
            sizes[0] /= 2;
            sizes[steps - 1] /= 2;
            return sizes;
        }
        java.util.Arrays.fill(sizes, 1.0 / steps);
        return sizes;
    }
}
