package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void theSquareRootEqualsSciPysSqrtmIncludingSingularMatrices() {
        for (TorchFixture c : TorchFixture.cases("frechet", "sqrtm/")) {
            double[][] matrix = FrechetDistance.rows(c.tensor("input"));
            double[][] root = SymmetricEigen.sqrt(matrix);
            c.assertClose("output", toTensor(root), 1e-5, 1e-5);
        }
    }

    @Test
    void theDecompositionRebuildsTheMatrixWithOrthonormalVectors() {
        double[][] matrix = {{4, 1, 2}, {1, 3, 0}, {2, 0, 5}};
        SymmetricEigen eigen = SymmetricEigen.of(matrix);
        double[][] v = eigen.vectors();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double rebuilt = 0;
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    rebuilt += v[i][k] * eigen.values()[k] * v[j][k];
                    dot += v[k][i] * v[k][j];
                }
                assertEquals(matrix[i][j], rebuilt, 1e-12);
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
        assertEquals(12, eigen.values()[0] + eigen.values()[1] + eigen.values()[2], 1e-12, "the trace");
    }

    @Test
    void aMatrixThatIsNotSymmetricIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}}));
        assertEquals("SymmetricEigen: the matrix is not symmetric: [1][0] = 3.0 but [0][1] = 2.0", e.getMessage());
    }

    static Tensor toTensor(double[][] matrix) {
        int n = matrix.length;
        float[] values = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i * n + j] = (float) matrix[i][j];
            }
        }
        return Tensor.of(values, n, n);
    }
}
