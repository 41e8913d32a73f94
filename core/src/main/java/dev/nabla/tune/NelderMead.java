package dev.nabla.tune;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex method: minimises a function of a few variables without its
 * gradient (reflection, expansion, contraction, shrink with the usual coefficients 1, 2,
 * 0.5, 0.5). Used to fit a Gaussian process's hyperparameters.
 */
final class NelderMead {

    private NelderMead() {
    }

    /** A point near a local minimum of {@code f} found from {@code start} within {@code evaluations} calls. */
    static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double step, int evaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step;
        }
        int used = 0;
        for (int i = 0; i <= n; i++) {
            values[i] = safe(f.applyAsDouble(simplex[i]));
            used++;
        }
        Integer[] order = new Integer[n + 1];
        while (used < evaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] v = values;
            Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
            int best = order[0];
            int worst = order[n];
            int second = order[n - 1];
            if (Math.abs(values[worst] - values[best]) < 1e-10 * (1 + Math.abs(values[best]))) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += simplex[i][d] / n;
                    }
                }
            }
            double[] reflected = along(centroid, simplex[worst], -1);
            double reflectedValue = safe(f.applyAsDouble(reflected));
            used++;
            if (reflectedValue < values[best]) {
                double[] expanded = along(centroid, simplex[worst], -2);
                double expandedValue = safe(f.applyAsDouble(expanded));
                used++;
                boolean expand = expandedValue < reflectedValue;
                simplex[worst] = expand ? expanded : reflected;
                values[worst] = expand ? expandedValue : reflectedValue;
            } else if (reflectedValue < values[second]) {
                simplex[worst] = reflected;
                values[worst] = reflectedValue;
            } else {
                double[] contracted = along(centroid, simplex[worst], 0.5);
                double contractedValue = safe(f.applyAsDouble(contracted));
                used++;
                if (contractedValue < values[worst]) {
                    simplex[worst] = contracted;
                    values[worst] = contractedValue;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            simplex[i] = along(simplex[best], simplex[i], 0.5);
                            values[i] = safe(f.applyAsDouble(simplex[i]));
                            used++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return simplex[best];
    }

    /** {@code from + t (to - from)}. */
    private static double[] along(double[] from, double[] to, double t) {
        double[] out = new double[from.length];
        for (int d = 0; d < from.length; d++) {
            out[d] = from[d] + t * (to[d] - from[d]);
        }
        return out;
    }

    private static double safe(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
}
