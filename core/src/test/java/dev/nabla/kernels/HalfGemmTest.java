package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matrix multiply with half-precision operands ({@code Kernels.gemm(HalfPrecision, ...)}):
 * the vector kernel against the scalar definition on every transpose, operand mix and format,
 * ragged and cache-block-straddling sizes; bitwise the float32 product of the widened
 * operands; within the operands' rounding of the float32 product of unrounded ones; and
 * independent of the thread count.
 */
class HalfGemmTest {
    static final int[] SIZES = {1, 3, 17, 33, 65};

    /** Which operands are halves. */
    enum Mix { BOTH, A, B }

    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    static java.util.stream.Stream<Object[]> cases() {
        java.util.List<Object[]> cases = new java.util.ArrayList<>();
        for (HalfPrecision format : HalfPrecision.values()) {
            for (Mix mix : Mix.values()) {
                cases.add(new Object[] {format, mix});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, halves: {1}")
    @MethodSource("cases")
    void agreesWithScalarOnRaggedSizesAndEveryTranspose(HalfPrecision format, Mix mix) {
        Random random = new Random(format.ordinal() * 10 + mix.ordinal());
        int count = 0;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int m : SIZES) {
                    for (int n : SIZES) {
                        for (int k : SIZES) {
                            float[] alphaBeta = VectorGemmTest.ALPHA_BETA[count++ % VectorGemmTest.ALPHA_BETA.length];
                            Product product = new Product(format, mix, transA, transB, m, n, k, random);
                            product.check(alphaBeta[0], alphaBeta[1]);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, halves: {1}")
    @MethodSource("cases")
    void agreesAcrossCacheBlockBoundaries(HalfPrecision format, Mix mix) {
        int[][] shapes = {
            {VectorGemm.MC + 1, VectorGemm.NC + 1, VectorGemm.KC + 1},
            {130, 300, 520},
            {5, 700, 600},
        };
        Random random = new Random(7);
        for (int[] shape : shapes) {
            for (boolean trans : new boolean[] {false, true}) {
                new Product(format, mix, trans, !trans, shape[0], shape[1], shape[2], random).check(1f, 0f);
            }
        }
    }

    @ParameterizedTest(name = "{0}, halves: {1}")
    @MethodSource("cases")
    void shortOrNarrowProductsAsInnerProductsAreBitwiseTheFloatProductOfTheWidenedOperands(
            HalfPrecision format, Mix mix) {
        // A·Bᵀ with few rows or columns (HalfInnerProducts), k long enough to be cut into blocks.
        int[][] shapes = {{1, 128, 784}, {7, 300, 333}, {300, 9, 676}, {15, 31, 1000}, {2, 70, 17_000}, {16, 31, 17}};
        Random random = new Random(13);
        for (int[] shape : shapes) {
            Product product = new Product(format, mix, false, true, shape[0], shape[1], shape[2], random);
            product.check(1f, 0f);
            product.check(0.5f, 1f);
            float[] half = product.run(vector, 0.5f, 1f);
            float[] widened = product.c.clone();
            vector.gemm(false, true, product.m, product.n, product.k, 0.5f, product.aRounded, product.aOff,
                    product.lda, product.bRounded, product.bOff, product.ldb, 1f, widened, product.cOff, product.ldc);
            assertArrayEquals(widened, half, product.toString());
        }
    }

    @ParameterizedTest(name = "{0}, halves: {1}")
    @MethodSource("cases")
    void isBitwiseTheFloatProductOfTheWidenedOperandsAndWithinTheirRoundingOfTheUnroundedOne(
            HalfPrecision format, Mix mix) {
        Random random = new Random(11);
        int m = 100;
        int n = 150;
        int k = 300;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                Product product = new Product(format, mix, transA, transB, m, n, k, random);
                float[] half = product.run(vector, 1f, 0f);
                float[] widened = product.emptyC();
                vector.gemm(transA, transB, m, n, k, 1f, product.aRounded, product.aOff, product.lda,
                        product.bRounded, product.bOff, product.ldb, 0f, widened, product.cOff, product.ldc);
                assertArrayEquals(widened, half, product.toString());

                // Each product term is off by the rounding of its half operands (u each, or
                // 2u + u² for two), plus float32 accumulation error, in magnitude terms.
                float[] exact = product.emptyC();
                vector.gemm(transA, transB, m, n, k, 1f, product.a, product.aOff, product.lda,
                        product.b, product.bOff, product.ldb, 0f, exact, product.cOff, product.ldc);
                double u = format.unitRoundoff();
                double termError = mix == Mix.BOTH ? 2 * u + u * u : u;
                float[] magnitude = product.magnitude(1f, 0f);
                for (int i = 0; i < half.length; i++) {
                    double bound = (termError + 1e-5) * magnitude[i];
                    if (!(Math.abs(half[i] - exact[i]) <= bound) && half[i] != exact[i]) {
                        fail(product + ": at " + i + " half operands give " + half[i] + ", float32 ones "
                                + exact[i] + ", more than " + bound + " apart");
                    }
                }
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveBitwiseIdenticalResults() {
        Random random = new Random(5);
        for (Mix mix : Mix.values()) {
            Product product = new Product(HalfPrecision.BFLOAT16, mix, false, true, 300, 400, 500, random);
            float[][] results = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                int index = threads - 1;
                ParallelTest.withThreads(threads, () -> results[index] = product.run(vector, 1.25f, 0.5f));
            }
            assertArrayEquals(results[0], results[1], mix.toString());
        }
    }

    /**
     * One product's operands, stored with padded leading dimensions at nonzero offsets: float32
     * values, their halves, and the halves widened back ({@code aRounded}); C starts with NaN
     * inside (ignored when beta is 0) and a marker outside that must survive.
     */
    final class Product {
        final HalfPrecision format;
        final Mix mix;
        final boolean transA, transB;
        final int m, n, k;
        final int lda, ldb, ldc, aOff = 4, bOff = 1, cOff = 6;
        final float[] a, b, aRounded, bRounded, c;
        final short[] aHalf, bHalf;

        Product(HalfPrecision format, Mix mix, boolean transA, boolean transB, int m, int n, int k, Random random) {
            this.format = format;
            this.mix = mix;
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            lda = (transA ? m : k) + 3;
            ldb = (transB ? k : n) + 2;
            ldc = n + 5;
            a = VectorKernelsTest.uniform(random, aOff + (transA ? k : m) * lda, -1f, 1f);
            b = VectorKernelsTest.uniform(random, bOff + (transB ? n : k) * ldb, -1f, 1f);
            aHalf = new short[a.length];
            bHalf = new short[b.length];
            scalar.floatToHalf(format, a, 0, aHalf, 0, a.length);
            scalar.floatToHalf(format, b, 0, bHalf, 0, b.length);
            aRounded = mix == Mix.B ? a : widen(aHalf);
            bRounded = mix == Mix.A ? b : widen(bHalf);
            c = new float[cOff + m * ldc];
            Arrays.fill(c, VectorGemmTest.OUTSIDE);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = 2 * random.nextFloat() - 1;
                }
            }
        }

        float[] widen(short[] half) {
            float[] wide = new float[half.length];
            scalar.halfToFloat(format, half, 0, wide, 0, half.length);
            return wide;
        }

        float[] emptyC() {
            float[] out = c.clone();
            for (int i = 0; i < m; i++) {
                Arrays.fill(out, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
            }
            return out;
        }

        float[] run(Kernels kernels, float alpha, float beta) {
            float[] out = beta == 0f ? emptyC() : c.clone();
            switch (mix) {
                case BOTH -> kernels.gemm(format, transA, transB, m, n, k, alpha, aHalf, aOff, lda, bHalf, bOff, ldb,
                        beta, out, cOff, ldc);
                case A -> kernels.gemm(format, transA, transB, m, n, k, alpha, aHalf, aOff, lda, b, bOff, ldb,
                        beta, out, cOff, ldc);
                case B -> kernels.gemm(format, transA, transB, m, n, k, alpha, a, aOff, lda, bHalf, bOff, ldb,
                        beta, out, cOff, ldc);
            }
            return out;
        }

        /** The float32 product of |operands|: the scale of rounding error in each element. */
        float[] magnitude(float alpha, float beta) {
            float[] out = VectorGemmTest.abs(c);
            scalar.gemm(transA, transB, m, n, k, Math.abs(alpha), VectorGemmTest.abs(a), aOff, lda,
                    VectorGemmTest.abs(b), bOff, ldb, Math.abs(beta), out, cOff, ldc);
            return out;
        }

        /** Vector against scalar: within float rounding inside C, untouched outside. */
        void check(float alpha, float beta) {
            float[] expected = run(scalar, alpha, beta);
            float[] actual = run(vector, alpha, beta);
            float[] magnitude = magnitude(alpha, beta);
            for (int index = 0; index < c.length; index++) {
                int j = (index - cOff) % ldc;
                boolean inside = index >= cOff && j < n;
                if (!inside && actual[index] != VectorGemmTest.OUTSIDE) {
                    fail(this + ": wrote outside C at array index " + index);
                }
                if (inside && !(Math.abs(expected[index] - actual[index]) <= 1e-5 * magnitude[index] + 1e-30)) {
                    fail(this + ", alpha=" + alpha + ", beta=" + beta + ": at " + index + " expected "
                            + expected[index] + ", got " + actual[index]);
                }
            }
        }

        @Override
        public String toString() {
            return format + ", halves " + mix + ", m=" + m + ", n=" + n + ", k=" + k
                    + ", transA=" + transA + ", transB=" + transB;
        }
    }
}
