package dev.nabla.generative;

import dev.nabla.tensor.Tensor;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised as a Gaussian of
 * its mean μ and covariance Σ (Heusel et al. 2017):
 * {@code d² = |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2·(Σ₁Σ₂)^½)}. With {@link FidClassifier}'s features of
 * Fashion-MNIST images it is FID-FMNIST ({@link #fidFmnist}): lower is closer to the real
 * images. It is not comparable with the Inception FID papers report, which uses another network's
 * 2048 features of ImageNet-like images.
 *
 * <p>{@code tr((Σ₁Σ₂)^½)} is computed as {@code tr((Σ₁^½ Σ₂ Σ₁^½)^½)}, a symmetric matrix with the
 * same eigenvalues, through {@link SymmetricEigen}; covariances divide by N − 1, as NumPy's
 * {@code cov}.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** The distance between features {@code a [N, D]} and {@code b [M, D]} (N, M ≥ 2). */
    public static double between(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(1) || a.dim(0) < 2 || b.dim(0) < 2) {
            throw new IllegalArgumentException("FrechetDistance: need features [N, D] and [M, D] with N, M >= 2, got "
                    + a.shape() + " and " + b.shape());
        }
        double[][] x = rows(a);
        double[][] y = rows(b);
        return of(mean(x), covariance(x), mean(y), covariance(y));
    }

    /** The distance between the Gaussians of means {@code mean1}, {@code mean2} and covariances {@code cov1}, {@code cov2}. */
    public static double of(double[] mean1, double[][] cov1, double[] mean2, double[][] cov2) {
        int d = mean1.length;
        double distance = 0;
        for (int i = 0; i < d; i++) {
            distance += (mean1[i] - mean2[i]) * (mean1[i] - mean2[i]) + cov1[i][i] + cov2[i][i];
        }
        double[][] root = SymmetricEigen.sqrt(cov1);
        double[][] middle = multiply(multiply(root, cov2), root);
        for (int i = 0; i < d; i++) {               // rounding leaves it a hair from symmetric
            for (int j = 0; j < i; j++) {
                double average = (middle[i][j] + middle[j][i]) / 2;
                middle[i][j] = average;
                middle[j][i] = average;
            }
        }
        for (double value : SymmetricEigen.of(middle).values()) {
            distance -= 2 * Math.sqrt(Math.max(value, 0));
        }
        return distance;
    }

    /**
     * FID-FMNIST: the distance between the {@link FidClassifier#shipped()} classifier's features of
     * two sets of images {@code [N, 1, 28, 28]} in [0, 1] (Nabla's measure uses 10,000 of each).
     */
    public static double fidFmnist(Tensor imagesA, Tensor imagesB) {
        FidClassifier classifier = FidClassifier.shipped();
        return between(classifier.features(imagesA), classifier.features(imagesB));
    }

    static double[][] rows(Tensor t) {
        float[] values = t.toFloatArray();
        int n = t.dim(0);
        int d = t.dim(1);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = values[i * d + j];
            }
        }
        return rows;
    }

    static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        return mean;
    }

    static double[][] covariance(double[][] rows) {
        double[] mean = mean(rows);
        int d = mean.length;
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] /= rows.length - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }
}
