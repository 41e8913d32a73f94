package dev.nabla.tune;

import java.util.Map;

/**
 * Standard test functions of global optimisation, with their search spaces and known
 * minima: what the searches are measured on (docs/tuning.md).
 */
public final class TestFunctions {

    /** Branin's minimum, reached at (−π, 12.275), (π, 2.275) and (9.42478, 2.475). */
    public static final double BRANIN_MINIMUM = 0.397887;
    /** Hartmann-6's minimum, at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573). */
    public static final double HARTMANN6_MINIMUM = -3.32237;

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    private TestFunctions() {
    }

    /** Branin–Hoo on x1 in [−5, 10], x2 in [0, 15]. */
    public static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    /** Branin's space: {@code x1} and {@code x2}. */
    public static SearchSpace braninSpace() {
        return SearchSpace.builder().floatRange("x1", -5, 10).floatRange("x2", 0, 15).build();
    }

    /** Branin of a configuration of {@link #braninSpace}. */
    public static double branin(Map<String, Object> parameters) {
        return branin(number(parameters, "x1"), number(parameters, "x2"));
    }

    /** Hartmann's six-dimensional function on the unit cube. */
    public static double hartmann6(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double exponent = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - P[i][j];
                exponent += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-exponent);
        }
        return -sum;
    }

    /** Hartmann-6's space: {@code x1} to {@code x6} in [0, 1]. */
    public static SearchSpace hartmann6Space() {
        SearchSpace.Builder builder = SearchSpace.builder();
        for (int j = 1; j <= 6; j++) {
            builder.floatRange("x" + j, 0, 1);
        }
        return builder.build();
    }

    /** Hartmann-6 of a configuration of {@link #hartmann6Space}. */
    public static double hartmann6(Map<String, Object> parameters) {
        double[] x = new double[6];
        for (int j = 0; j < 6; j++) {
            x[j] = number(parameters, "x" + (j + 1));
        }
        return hartmann6(x);
    }

    private static double number(Map<String, Object> parameters, String name) {
        return ((Number) parameters.get(name)).doubleValue();
    }
}
