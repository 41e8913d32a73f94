package dev.nabla.nn.init;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/** Orthogonal initialisation through a Gram–Schmidt QR in double precision. */
final class Orthogonal {

    private Orthogonal() {
    }

    static Tensor create(Shape shape, Generator gen, float gain) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("orthogonal: needs at least 2 dimensions, got " + shape);
        }
        int rows = shape.dim(0);
        int cols = shape.size() / Math.max(rows, 1);
        boolean transposed = rows < cols;
        int n = transposed ? cols : rows;   // tall side
        int m = transposed ? rows : cols;   // short side
        double[][] columns = new double[m][n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = gen.nextGaussian();
                if (transposed) {
                    columns[i][j] = v;
                } else {
                    columns[j][i] = v;
                }
            }
        }
        orthonormalize(columns);
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (gain * (transposed ? columns[i][j] : columns[j][i]));
            }
        }
        return Tensor.of(out, shape.toArray());
    }

    /**
     * Modified Gram–Schmidt on the columns: Q of A = QR with R's diagonal positive, which
     * is the sign convention PyTorch applies after its QR.
     */
    private static void orthonormalize(double[][] columns) {
        for (int k = 0; k < columns.length; k++) {
            double[] q = columns[k];
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < q.length; i++) {
                    dot += columns[j][i] * q[i];
                }
                for (int i = 0; i < q.length; i++) {
                    q[i] -= dot * columns[j][i];
                }
            }
            double norm = 0;
            for (double v : q) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < q.length; i++) {
                q[i] /= norm;
            }
        }
    }
}
