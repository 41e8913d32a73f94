package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance: {@link VectorKernels} against the {@link ScalarKernels} definition, on sizes
 * that straddle every lane and unroll boundary, at nonzero offsets, with edge values
 * (±0, ±100, ±inf, NaN) mixed into random data. Exact ops must agree bit for bit;
 * transcendental ones to a few float roundings.
 *
 * <p>Line budget: one conformance case per Kernels method, beside the shared size and value
 * generators.
 */
class VectorKernelsTest {
    static final int[] SIZES = {1, 3, 15, 16, 17, 31, 33, 63, 65, 1023, 1025, 4099};
    static final float[] EDGES = {0f, -0f, 100f, -100f, 20f, -20f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f};
    /** Edge values for ops defined on positive numbers (sqrt, log). */
    static final float[] POSITIVE_EDGES = {0f, 100f, 1f, 1e-30f, Float.POSITIVE_INFINITY, Float.NaN};

    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    /** How closely a vector result must match the scalar one: |v − s| ≤ rel·|s| + abs. */
    record Tolerance(double rel, double abs) {
        static final Tolerance EXACT = new Tolerance(0, 0);
        /** A few ulps of the value, plus ~one ulp of 1 for results that cancel toward 0. */
        static final Tolerance ROUNDING = new Tolerance(1e-6, 1e-7);
    }

    // ---- unary ----

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryAgreesWithScalar(UnaryOp op) {
        for (float param : params(op)) {
            Random random = new Random(op.ordinal() * 31L + Float.floatToIntBits(param));
            for (int n : SIZES) {
                float[] x = inputs(op, 5 + n + 2, random);
                float[] expected = new float[n + 7];
                float[] actual = new float[n + 7];
                scalar.unary(op, param, x, 5, expected, 3, n);
                vector.unary(op, param, x, 5, actual, 3, n);
                assertClose(expected, actual, forwardTolerance(op), i -> "x=" + x[i + 5 - 3],
                        op + "(param " + param + "), n=" + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryBackwardAgreesWithScalar(UnaryOp op) {
        for (float param : params(op)) {
            Random random = new Random(op.ordinal() * 17L + Float.floatToIntBits(param));
            for (int n : SIZES) {
                float[] x = inputs(op, n + 4, random);
                float[] y = new float[n + 9];
                scalar.unary(op, param, x, 4, y, 9, n);
                float[] gradOut = uniform(random, n + 1, -2f, 2f);
                float[] expected = new float[n + 6];
                float[] actual = new float[n + 6];
                scalar.unaryBackward(op, param, x, 4, y, 9, gradOut, 1, expected, 6, n);
                vector.unaryBackward(op, param, x, 4, y, 9, gradOut, 1, actual, 6, n);
                assertClose(expected, actual, backwardTolerance(op), i -> "x=" + x[i + 4 - 6],
                        op + "' (param " + param + "), n=" + n);
            }
        }
    }

    static float[] params(UnaryOp op) {
        return switch (op) {
            case LEAKY_RELU -> new float[] {0.01f, 0.2f};
            case ELU -> new float[] {1f, 0.5f};
            case SOFTPLUS -> new float[] {1f, 2f, 0.5f};
            case POW_SCALAR -> new float[] {2f, 2.5f, -1f, 0f};
            default -> new float[] {0f};
        };
    }

    static Tolerance forwardTolerance(UnaryOp op) {
        return switch (op) {
            // Vector forms with exact IEEE operations only, and the ops that use the scalar formula.
            case NEG, ABS, SQRT, RELU, LEAKY_RELU, SIGN, GELU, ERF -> Tolerance.EXACT;
            // 0.5·x·(1 + tanh(u)) cancels for negative x: one ulp of tanh times |x|/2 (tanh is
            // exactly ±1 beyond |x| ≈ 5).
            case GELU_TANH -> new Tolerance(1e-6, 1e-6);
            default -> Tolerance.ROUNDING;
        };
    }

    static Tolerance backwardTolerance(UnaryOp op) {
        return switch (op) {
            case SIN, COS, SILU, SOFTPLUS, POW_SCALAR -> Tolerance.ROUNDING;
            // 1 − tanh² and 1 + tanh cancel: an ulp of tanh, times x·dInner/2 and gradOut.
            case GELU_TANH -> new Tolerance(1e-6, 1e-6);
            // The derivative comes from y or from exact IEEE operations on x: bit for bit.
            default -> Tolerance.EXACT;
        };
    }

    /** Random values in the op's domain, with its edge values at random places. */
    static float[] inputs(UnaryOp op, int length, Random random) {
        boolean positive = op == UnaryOp.SQRT || op == UnaryOp.LOG;
        float[] x = switch (op) {
            case SQRT, LOG -> uniform(random, length, 0f, 10f);
            // Negative bases too: NaN for a fractional exponent, a signed power for an integer one.
            case POW_SCALAR -> uniform(random, length, -2f, 10f);
            case LOG1P -> uniform(random, length, -1f, 10f);
            default -> uniform(random, length, -8f, 8f);
        };
        sprinkle(x, positive ? POSITIVE_EDGES : EDGES, random);
        return x;
    }

    // ---- binary ----

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryAgreesWithScalarForEveryStridePattern(BinaryOp op) {
        int[][] strides = {{1, 1}, {1, 0}, {0, 1}, {0, 0}, {2, 1}, {1, 3}};
        Random random = new Random(100 + op.ordinal());
        Tolerance tolerance = op == BinaryOp.POW ? Tolerance.ROUNDING : Tolerance.EXACT;
        for (int[] stride : strides) {
            for (int n : SIZES) {
                float[] a = binaryInputs(op, 2 + n * 2, random);
                float[] b = binaryInputs(op, 7 + n * 3, random);
                for (int i = 0; i < n; i += 3) {
                    b[7 + i * stride[1]] = a[2 + i * stride[0]];  // equal pairs for EQ, LE, GE
                }
                float[] expected = new float[n + 1];
                float[] actual = new float[n + 1];
                scalar.binary(op, a, 2, stride[0], b, 7, stride[1], expected, 1, n);
                vector.binary(op, a, 2, stride[0], b, 7, stride[1], actual, 1, n);
                assertClose(expected, actual, tolerance,
                        i -> "a=" + a[2 + (i - 1) * stride[0]] + ", b=" + b[7 + (i - 1) * stride[1]],
                        op + " strides " + Arrays.toString(stride) + ", n=" + n);
            }
        }
    }

    static float[] binaryInputs(BinaryOp op, int length, Random random) {
        if (op == BinaryOp.POW) {
            // Bases and exponents that give finite results, a few negative bases, and the edges.
            float[] x = uniform(random, length, -0.5f, 4f);
            sprinkle(x, new float[] {0f, 1f, -2f, 2f, 3f, Float.NaN, Float.POSITIVE_INFINITY}, random);
            return x;
        }
        float[] x = uniform(random, length, -4f, 4f);
        sprinkle(x, EDGES, random);
        return x;
    }

    // ---- select and reductions ----

    @Test
    void selectAgreesExactly() {
        Random random = new Random(7);
        for (int n : SIZES) {
            float[] cond = uniform(random, n + 2, -1f, 1f);
            for (int i = 0; i < cond.length; i++) {
                int kind = random.nextInt(5);
                cond[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.NaN : cond[i];
            }
            float[] a = uniform(random, n + 1, -5f, 5f);
            float[] b = uniform(random, n + 4, -5f, 5f);
            float[] expected = new float[n + 3];
            float[] actual = new float[n + 3];
            scalar.select(cond, 2, a, 1, b, 4, expected, 3, n);
            vector.select(cond, 2, a, 1, b, 4, actual, 3, n);
            assertArrayEquals(expected, actual, "n=" + n);
        }
    }

    @Test
    void sumDotAndSumExpAgreeToRoundingOfTheSumOfMagnitudes() {
        Random random = new Random(11);
        for (int n : SIZES) {
            float[] a = uniform(random, n + 3, -3f, 3f);
            float[] b = uniform(random, n + 5, -3f, 3f);
            double sumAbs = 0, dotAbs = 0, expSum = 0;
            for (int i = 0; i < n; i++) {
                sumAbs += Math.abs(a[3 + i]);
                dotAbs += Math.abs(a[3 + i] * b[5 + i]);
                expSum += Math.exp(a[3 + i] - 2.5);
            }
            // Float sums of n terms err by up to ~n·ulp; both orders are well within this.
            assertWithin(scalar.sum(a, 3, n), vector.sum(a, 3, n), 1e-5 * sumAbs, "sum n=" + n);
            assertWithin(scalar.dot(a, 3, b, 5, n), vector.dot(a, 3, b, 5, n), 1e-5 * dotAbs, "dot n=" + n);
            assertWithin(scalar.sumExp(a, 3, n, 2.5f), vector.sumExp(a, 3, n, 2.5f), 1e-5 * expSum,
                    "sumExp n=" + n);
        }
    }

    @Test
    void sumsPropagateNaNAndInfinityLikeScalar() {
        Random random = new Random(12);
        for (int n : SIZES) {
            float[] a = uniform(random, n, -1f, 1f);
            a[random.nextInt(n)] = Float.POSITIVE_INFINITY;
            assertEquals(scalar.sum(a, 0, n), vector.sum(a, 0, n), "sum with +inf, n=" + n);
            assertEquals(scalar.sumExp(a, 0, n, 0f), vector.sumExp(a, 0, n, 0f), "sumExp with +inf, n=" + n);
            a[random.nextInt(n)] = Float.NaN;
            assertEquals(Float.NaN, vector.sum(a, 0, n), "sum with NaN, n=" + n);
            assertEquals(Float.NaN, vector.dot(a, 0, a, 0, n), "dot with NaN, n=" + n);
            assertEquals(Float.NaN, vector.sumExp(a, 0, n, 0f), "sumExp with NaN, n=" + n);
        }
    }

    @Test
    void emptyRangesTouchNothing() {
        float[] none = new float[0];
        vector.binary(BinaryOp.ADD, none, 0, 0, none, 0, 1, none, 0, 0);
        vector.binary(BinaryOp.ADD, none, 0, 1, none, 0, 0, none, 0, 0);
        vector.unary(UnaryOp.EXP, 0f, none, 0, none, 0, 0);
        vector.unaryBackward(UnaryOp.TANH, 0f, none, 0, none, 0, none, 0, none, 0, 0);
        vector.select(none, 0, none, 0, none, 0, none, 0, 0);
        vector.axpy(0, 2f, none, 0, none, 0);
        assertEquals(0f, vector.sum(none, 0, 0));
        assertEquals(0f, vector.dot(none, 0, none, 0, 0));
        assertEquals(0f, vector.sumExp(none, 0, 0, 1f));
    }

    @Test
    void maxAndMinAgreeExactlyAndPropagateNaN() {
        Random random = new Random(13);
        for (int n : SIZES) {
            float[] a = uniform(random, n + 2, -50f, 50f);
            a[2 + random.nextInt(n)] = -0f;
            assertEquals(scalar.max(a, 2, n), vector.max(a, 2, n), "max n=" + n);
            assertEquals(scalar.min(a, 2, n), vector.min(a, 2, n), "min n=" + n);
            float[] infinities = new float[n + 1];
            Arrays.fill(infinities, Float.NEGATIVE_INFINITY);
            assertEquals(Float.NEGATIVE_INFINITY, vector.max(infinities, 1, n));
            // A NaN in every lane of every accumulator (the first 130 places), and at the end.
            for (int at = 0; at < n; at = at < 130 ? at + 1 : Math.max(at + 1, n - 1)) {
                float[] withNaN = a.clone();
                withNaN[2 + at] = Float.NaN;
                assertEquals(Float.NaN, vector.max(withNaN, 2, n), "max with NaN at " + at + ", n=" + n);
                assertEquals(Float.NaN, vector.min(withNaN, 2, n), "min with NaN at " + at + ", n=" + n);
            }
        }
        float[] zeros = new float[100];
        for (int i = 0; i < zeros.length; i++) {
            zeros[i] = random.nextBoolean() ? 0f : -0f;
        }
        zeros[40] = 0f;
        zeros[70] = -0f;
        assertEquals(0f, vector.max(zeros, 0, zeros.length), "max of ±0 is +0");
        assertEquals(-0f, vector.min(zeros, 0, zeros.length), "min of ±0 is -0");
    }

    @Test
    void axpyAgreesToRounding() {
        Random random = new Random(17);
        for (int n : SIZES) {
            float[] x = uniform(random, n + 1, -3f, 3f);
            float[] y = uniform(random, n + 6, -3f, 3f);
            float[] expected = y.clone();
            float[] actual = y.clone();
            scalar.axpy(n, -1.75f, x, 1, expected, 6);
            vector.axpy(n, -1.75f, x, 1, actual, 6);
            for (int i = 0; i < y.length; i++) {
                // One fused rounding against two separate ones.
                double scale = i < 6 ? 0 : Math.abs(y[i]) + 1.75 * Math.abs(x[i - 5]);
                assertWithin(expected[i], actual[i], 2e-7 * scale, "axpy n=" + n + " at " + i);
            }
        }
    }

    // ---- copies ----

    @Test
    void copyRunsCopiesExactlyTheRunsAndNothingElse() {
        Random random = new Random(29);
        int[][] cases = {{1, 1, 1}, {11, 11, 13}, {26, 26, 28}, {5, 3, 7}, {4, 16, 16}, {3, 17, 40}, {7, 33, 33}, {2, 40, 41}};
        for (int[] c : cases) {
            int rows = c[0], cols = c[1], stride = c[2];
            // Sources that end right after the last run, so whole vectors past it would fall off the array.
            float[] src = uniform(random, 2 + (rows - 1) * stride + cols, -1f, 1f);
            float[] expected = uniform(random, 5 + rows * cols + 20, -1f, 1f);
            float[] actual = expected.clone();
            scalar.copyRuns(src, 2, stride, expected, 5, rows, cols);
            vector.copyRuns(src, 2, stride, actual, 5, rows, cols);
            assertArrayEquals(expected, actual, "copyRuns " + Arrays.toString(c));
        }
    }

    @Test
    void addRunsAddsExactlyTheRunsAndNothingElse() {
        Random random = new Random(31);
        int[][] cases = {{1, 1, 1}, {11, 11, 13}, {26, 26, 28}, {5, 3, 7}, {4, 16, 16}, {3, 17, 40}, {7, 33, 33}};
        for (int[] c : cases) {
            int rows = c[0], cols = c[1], stride = c[2];
            float[] src = uniform(random, 4 + rows * cols, -1f, 1f);
            float[] expected = uniform(random, 3 + (rows - 1) * stride + cols, -1f, 1f);
            float[] actual = expected.clone();
            scalar.addRuns(src, 4, expected, 3, stride, rows, cols);
            vector.addRuns(src, 4, actual, 3, stride, rows, cols);
            assertArrayEquals(expected, actual, "addRuns " + Arrays.toString(c));
        }
    }

    // ---- pooling ----

    @Test
    void maxPoolAgreesExactlyWithTiesAndNaN() {
        Random random = new Random(23);
        // (height, width, window height, window width, stride): outputs per plane from 1 to past two vectors.
        int[][] cases = {{2, 2, 2, 2, 2}, {7, 9, 2, 2, 2}, {26, 26, 2, 2, 2}, {11, 11, 3, 3, 2}, {9, 40, 1, 3, 1},
            {5, 5, 5, 5, 1}};
        for (int[] c : cases) {
            int height = c[0], width = c[1], windowHeight = c[2], windowWidth = c[3], stride = c[4];
            int outHeight = (height - windowHeight) / stride + 1;
            int outWidth = (width - windowWidth) / stride + 1;
            int[] start = new int[outHeight * outWidth];
            for (int o = 0; o < start.length; o++) {
                start[o] = o / outWidth * stride * width + o % outWidth * stride;
            }
            int[] offsets = new int[windowHeight * windowWidth];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = j / windowWidth * width + j % windowWidth;
            }
            int planes = 5;
            float[] x = new float[3 + planes * height * width];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(4) - 2;   // many ties
            }
            sprinkle(x, EDGES, random);
            int outPlane = start.length;
            float[] expected = new float[planes * outPlane];
            float[] actual = new float[planes * outPlane];
            int[] expectedAt = new int[expected.length];
            int[] actualAt = new int[expected.length];
            Arrays.fill(actual, 42f);
            Arrays.fill(actualAt, -42);
            // Planes 1 to 4 only: plane 0's outputs must stay untouched.
            scalar.maxPool(x, 3, height * width, start, offsets, outPlane, 1, planes, expected, expectedAt);
            vector.maxPool(x, 3, height * width, start, offsets, outPlane, 1, planes, actual, actualAt);
            for (int o = 0; o < outPlane; o++) {
                expected[o] = 42f;
                expectedAt[o] = -42;
            }
            String what = "maxPool " + Arrays.toString(c);
            assertArrayEquals(expectedAt, actualAt, what + ": positions");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + " at " + i);
            }
        }
    }

    // ---- helpers ----

    static float[] uniform(Random random, int length, float low, float high) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = low + (high - low) * random.nextFloat();
        }
        return x;
    }

    /** Puts each edge value at a few random places (in vector bodies and in tails). */
    static void sprinkle(float[] x, float[] edges, Random random) {
        for (float edge : edges) {
            for (int copy = 0; copy < 1 + x.length / 256; copy++) {
                x[random.nextInt(x.length)] = edge;
            }
        }
    }

    static void assertWithin(float expected, float actual, double tolerance, String what) {
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
        }
    }

    /**
     * Every element agrees within the tolerance; NaN only with NaN, infinities only with
     * themselves. input describes what produced element i (only called inside the output range).
     */
    static void assertClose(float[] expected, float[] actual, Tolerance tolerance, IntFunction<String> input,
                            String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok;
            if (tolerance.equals(Tolerance.EXACT) || Float.isNaN(e) || Float.isInfinite(e)) {
                ok = Float.floatToIntBits(e) == Float.floatToIntBits(a);
            } else {
                ok = Math.abs((double) e - a) <= tolerance.rel() * Math.abs(e) + tolerance.abs();
            }
            if (!ok) {
                fail(what + ": element " + i + " (" + input.apply(i) + "): expected " + e + ", got " + a);
            }
        }
    }
}
