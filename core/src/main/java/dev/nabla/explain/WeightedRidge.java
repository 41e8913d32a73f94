package dev.nabla.explain;

/**
 * Weighted ridge regression with an unpenalised intercept (scikit-learn's {@code Ridge(alpha)}
 * fitted with {@code sample_weight}), LIME's surrogate model: minimises
 * {@code Σ wᵢ (yᵢ − b − xᵢ·β)² + α‖β‖²}, solved in double precision from the weighted, centred
 * normal equations by Cholesky decomposition.
 */
final class WeightedRidge {

    /** The coefficients, the intercept and the weighted R² of the fit on its own data. */
    record Fit(double[] coefficients, double intercept, double score) {
    }

    private WeightedRidge() {
    }

    /** Fits {@code rows [n][d]} to {@code targets [n]} with sample {@code weights [n]}. */
    static Fit fit(double[][] rows, double[] targets, double[] weights, double alpha) {
        int n = rows.length;
        int d = rows[0].length;
        double total = 0;
        double[] meanX = new double[d];
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
            meanY += weights[i] * targets[i];
            for (int j = 0; j < d; j++) {
                meanX[j] += weights[i] * rows[i][j];
            }
        }
        meanY /= total;
        for (int j = 0; j < d; j++) {
            meanX[j] /= total;
        }
        double[][] gram = new double[d][d];
        double[] right = new double[d];
        for (int i = 0; i < n; i++) {
            double y = targets[i] - meanY;
            for (int j = 0; j < d; j++) {
                double xj = rows[i][j] - meanX[j];
                right[j] += weights[i] * xj * y;
                for (int k = 0; k <= j; k++) {
                    gram[j][k] += weights[i] * xj * (rows[i][k] - meanX[k]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            gram[j][j] += alpha;
        }
        double[] beta = choleskySolve(gram, right);
        double intercept = meanY;
        for (int j = 0; j < d; j++) {
            intercept -= beta[j] * meanX[j];
        }
        double residual = 0;
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double predicted = intercept;
            for (int j = 0; j < d; j++) {
                predicted += beta[j] * rows[i][j];
            }
            residual += weights[i] * (targets[i] - predicted) * (targets[i] - predicted);
            spread += weights[i] * (targets[i] - meanY) * (targets[i] - meanY);
        }
        return new Fit(beta, intercept, spread > 0 ? 1 - residual / spread : 1);
    }

    /** Solves {@code A x = b} for a symmetric positive-definite A given by its lower triangle. */
    private static double[] choleskySolve(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            l[j][j] = Math.sqrt(Math.max(diagonal, 1e-300));
            for (int i = j + 1; i < d; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = sum / l[j][j];
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }
}
