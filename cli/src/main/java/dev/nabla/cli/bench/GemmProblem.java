package dev.nabla.cli.bench;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import java.util.SplittableRandom;

/**
 * The GEMM workload: {@code C = A·B} for square float32 matrices of order n, row-major,
 * straight through the kernels in use (as {@code torch.mm(a, b, out=c)} on the PyTorch side);
 * {@code 2n³} floating-point operations per product.
 */
public final class GemmProblem {

    private final int n;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final Kernels kernels = KernelProvider.get();

    /** Matrices A and B of order {@code n} with entries uniform in [−1, 1) drawn from {@code seed}. */
    public GemmProblem(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("gemm: the matrix size must be at least 1, got " + n);
        }
        this.n = n;
        SplittableRandom random = new SplittableRandom(seed);
        a = randomMatrix(random, n);
        b = randomMatrix(random, n);
        c = new float[n * n];
    }

    /** Computes C = A·B, overwriting C. */
    public void multiply() {
        kernels.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
    }

    /** C, for a benchmark to consume. */
    public float[] result() {
        return c;
    }

    /** Floating-point operations per product: {@code 2n³}. */
    public double operations() {
        return 2.0 * n * n * n;
    }

    /**
     * GFLOP/s of this product: the median time of single products, after warming up, each
     * phase at least 5 products and {@code minSeconds} long.
     */
    public double measureGflops(double minSeconds) {
        return operations() / Timing.medianSecondsFor(this::multiply, 5, minSeconds) * 1e-9;
    }

    private static float[] randomMatrix(SplittableRandom random, int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return m;
    }
}
