package dev.nabla.generative;

/**
 * The eigen-decomposition {@code A = V·diag(λ)·Vᵀ} of a real symmetric matrix by cyclic Jacobi
 * rotations, in double precision (accurate to rounding for the matrices of a few hundred rows
 * that feature covariances are), and the square root of a symmetric positive semi-definite
 * matrix built on it.
 *
 * @param values  the eigenvalues λ, in no particular order
 * @param vectors the eigenvectors, one per column: {@code vectors[row][i]} belongs to {@code values[i]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    private static final int MAX_SWEEPS = 100;

    /**
     * The decomposition of {@code matrix}, which is left unchanged.
     *
     * @throws IllegalArgumentException if it is not square and symmetric (to 1e-9 relative)
     */
    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("SymmetricEigen: need a square matrix, row " + i + " has "
                        + matrix[i].length + " values instead of " + n);
            }
            a[i] = matrix[i].clone();
            for (double v : a[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * scale) {
                    throw new IllegalArgumentException("SymmetricEigen: the matrix is not symmetric: [" + i + "][" + j
                            + "] = " + a[i][j] + " but [" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-30 * Math.max(scale * scale, Double.MIN_NORMAL);
                sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** Zeroes {@code a[p][q]} by the rotation {@code a ← Jᵀ·a·J}, and accumulates {@code v ← v·J}. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double kp = a[k][p];
            double kq = a[k][q];
            a[k][p] = c * kp - s * kq;
            a[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < n; k++) {
            double pk = a[p][k];
            double qk = a[q][k];
            a[p][k] = c * pk - s * qk;
            a[q][k] = s * pk + c * qk;
        }
        for (int k = 0; k < n; k++) {
            double kp = v[k][p];
            double kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    sum += a[i][j] * a[i][j];
                }
            }
        }
        return sum;
    }

    /**
     * The symmetric square root {@code S} of a symmetric positive semi-definite matrix, {@code S·S
     * = matrix} (SciPy's {@code sqrtm} for such matrices); eigenvalues below zero by rounding are
     * taken as zero.
     */
    public static double[][] sqrt(double[][] matrix) {
        SymmetricEigen eigen = of(matrix);
        int n = matrix.length;
        double[][] root = new double[n][n];
        for (int k = 0; k < n; k++) {
            double r = Math.sqrt(Math.max(eigen.values[k], 0));
            for (int i = 0; i < n; i++) {
                double vik = eigen.vectors[i][k] * r;
                for (int j = 0; j < n; j++) {
                    root[i][j] += vik * eigen.vectors[j][k];
                }
            }
        }
        return root;
    }
}
