package dev.nabla.tune;

import java.util.Arrays;

/**
 * A Gaussian process regression model on the unit cube with a Matérn 5/2 kernel and one
 * length scale per coordinate (automatic relevance determination). Observations are
 * standardised; the length scales, the signal variance and the noise variance are fitted by
 * maximising the log marginal likelihood (Nelder–Mead in log space, within bounds).
 */
final class GaussianProcess {

    private static final double MIN_LOG_LENGTH = Math.log(0.01);
    private static final double MAX_LOG_LENGTH = Math.log(20);
    private static final double MIN_LOG_SIGNAL = Math.log(0.05);
    private static final double MAX_LOG_SIGNAL = Math.log(20);
    private static final double MIN_LOG_NOISE = Math.log(1e-6);
    private static final double MAX_LOG_NOISE = Math.log(0.5);
    private static final double SQRT5 = Math.sqrt(5);

    private final double[][] x;
    private final double mean;
    private final double scale;
    private final double[] lengths;
    private final double signal;
    private final double[][] cholesky;
    private final double[] alpha;

    private GaussianProcess(double[][] x, double mean, double scale, double[] hyper, double[][] cholesky,
                            double[] alpha) {
        this.x = x;
        this.mean = mean;
        this.scale = scale;
        int d = x[0].length;
        this.lengths = new double[d];
        for (int i = 0; i < d; i++) {
            lengths[i] = Math.exp(clamp(hyper[i], MIN_LOG_LENGTH, MAX_LOG_LENGTH));
        }
        this.signal = Math.exp(clamp(hyper[d], MIN_LOG_SIGNAL, MAX_LOG_SIGNAL));
        this.cholesky = cholesky;
        this.alpha = alpha;
    }

    /** The model of {@code y} at points {@code x}, its hyperparameters fitted by marginal likelihood. */
    static GaussianProcess fit(double[][] x, double[] y) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : y) {
            variance += (v - mean) * (v - mean) / n;
        }
        double scale = variance > 1e-24 ? Math.sqrt(variance) : 1;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (y[i] - mean) / scale;
        }
        int d = x[0].length;
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double startLength : new double[] {0.2, 1.0}) {
            double[] start = new double[d + 2];
            Arrays.fill(start, 0, d, Math.log(startLength));
            start[d] = 0;
            start[d + 1] = Math.log(1e-3);
            double[] found = NelderMead.minimize(h -> negativeLogLikelihood(x, z, h), start, 1.0, 60 * (d + 2));
            double value = negativeLogLikelihood(x, z, found);
            if (value < bestValue) {
                bestValue = value;
                best = found;
            }
        }
        double[][] l = cholesky(covariance(x, best));
        return new GaussianProcess(x, mean, scale, best, l, solve(l, z));
    }

    /** The predicted mean and standard deviation at {@code point}, in the units of the observations. */
    double[] predict(double[] point) {
        int n = x.length;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = kernel(point, x[i], lengths, signal);
        }
        double mu = 0;
        for (int i = 0; i < n; i++) {
            mu += k[i] * alpha[i];
        }
        double[] v = forward(cholesky, k);
        double variance = signal;
        for (double value : v) {
            variance -= value * value;
        }
        return new double[] {mean + scale * mu, scale * Math.sqrt(Math.max(variance, 1e-12))};
    }

    /** Minus the log marginal likelihood of standardised {@code z} under hyperparameters {@code h}. */
    static double negativeLogLikelihood(double[][] x, double[] z, double[] h) {
        double[][] l;
        try {
            l = cholesky(covariance(x, h));
        } catch (ArithmeticException e) {
            return Double.POSITIVE_INFINITY;
        }
        double[] a = solve(l, z);
        double value = 0;
        for (int i = 0; i < z.length; i++) {
            value += 0.5 * z[i] * a[i] + Math.log(l[i][i]);
        }
        return value + 0.5 * z.length * Math.log(2 * Math.PI) + boundsPenalty(h, x[0].length);
    }

    /** Matérn 5/2 between two points. */
    static double kernel(double[] a, double[] b, double[] lengths, double signal) {
        double squared = 0;
        for (int d = 0; d < a.length; d++) {
            double t = (a[d] - b[d]) / lengths[d];
            squared += t * t;
        }
        double r = Math.sqrt(squared);
        return signal * (1 + SQRT5 * r + 5 * squared / 3) * Math.exp(-SQRT5 * r);
    }

    private static double[][] covariance(double[][] x, double[] h) {
        int n = x.length;
        int d = x[0].length;
        double[] lengths = new double[d];
        for (int i = 0; i < d; i++) {
            lengths[i] = Math.exp(clamp(h[i], MIN_LOG_LENGTH, MAX_LOG_LENGTH));
        }
        double signal = Math.exp(clamp(h[d], MIN_LOG_SIGNAL, MAX_LOG_SIGNAL));
        double noise = Math.exp(clamp(h[d + 1], MIN_LOG_NOISE, MAX_LOG_NOISE));
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double value = kernel(x[i], x[j], lengths, signal);
                k[i][j] = value;
                k[j][i] = value;
            }
            k[i][i] += noise + 1e-8;
        }
        return k;
    }

    /** How far the hyperparameters stray outside their bounds (they are clamped; this keeps the search inside). */
    private static double boundsPenalty(double[] h, int d) {
        double penalty = 0;
        for (int i = 0; i < h.length; i++) {
            double low = i < d ? MIN_LOG_LENGTH : i == d ? MIN_LOG_SIGNAL : MIN_LOG_NOISE;
            double high = i < d ? MAX_LOG_LENGTH : i == d ? MAX_LOG_SIGNAL : MAX_LOG_NOISE;
            double outside = Math.max(0, Math.max(low - h[i], h[i] - high));
            penalty += outside * outside;
        }
        return penalty;
    }

    /** The lower-triangular L with L Lᵀ = a. */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("the covariance matrix is not positive definite");
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / lj[j];
                }
            }
        }
        return l;
    }

    /** L⁻¹ b. */
    private static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        return y;
    }

    /** (L Lᵀ)⁻¹ b. */
    private static double[] solve(double[][] l, double[] b) {
        double[] y = forward(l, b);
        int n = b.length;
        double[] out = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * out[k];
            }
            out[i] = sum / l[i][i];
        }
        return out;
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
