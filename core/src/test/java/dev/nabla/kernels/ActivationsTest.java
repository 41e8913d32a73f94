package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The exact-operation activations: within 2 ulps (sigmoid 2.5) of double-precision references, and
 * their vector twins ({@link VectorActivations}, {@link VectorRows#exp}) bit for bit the same,
 * interpreted, compiled and on every lane and tail position.
 */
class ActivationsTest {

    private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 1e-4f, -1e-4f, 0.3f,
        0.6249999f, 0.625f, -0.625f, 0.6250001f, 1f, -1f, 3f, 9f, -9f, 20f, -20f, 44f, 87f, -87f, 87.5f, -87.5f,
        88.7f, 89f, -89f, 104f, -104f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN};

    /** The distance from {@code actual} to {@code expected} in units of the float spacing at {@code expected}. */
    private static double ulps(double expected, float actual) {
        return Math.abs(actual - expected) / Math.ulp((float) expected);
    }

    private static float[] values() {
        Random random = new Random(7);
        float[] x = new float[200_000];
        for (int i = 0; i < x.length; i++) {
            double scale = i % 4 == 0 ? 0.7 : i % 4 == 1 ? 3 : i % 4 == 2 ? 12 : 60;
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        System.arraycopy(SPECIAL, 0, x, 0, SPECIAL.length);
        return x;
    }

    @Test
    void accurateToAboutTwoUlps() {
        double tanh = 0;
        double sigmoid = 0;
        double exp = 0;
        for (float x : values()) {
            if (!Float.isFinite(x)) {
                continue;
            }
            tanh = Math.max(tanh, ulps(Math.tanh(x), Activations.tanh(x)));
            double s = 1 / (1 + Math.exp(-(double) x));
            if (s >= Float.MIN_NORMAL) {
                sigmoid = Math.max(sigmoid, ulps(s, Activations.sigmoid(x)));
            }
            // Above 88 (results beyond 1.6e38) 2ⁿ stops at 2¹²⁷ and the polynomial takes a wider r.
            if (x > Activations.UNDERFLOW && x < 88f) {
                exp = Math.max(exp, ulps(Math.exp(x), Activations.exp(x)));
            }
        }
        assertTrue(tanh <= 2, "tanh is off by " + tanh + " ulps");
        assertTrue(sigmoid <= 2.5, "sigmoid is off by " + sigmoid + " ulps");
        assertTrue(exp <= 2, "exp is off by " + exp + " ulps");
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Activations.tanh(-100f));
        assertTrue(Activations.tanh(-0f) == 0f, "tanh(-0) is a zero (of either sign)");
        assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
        assertEquals(0.5f, Activations.sigmoid(0f));
        assertEquals(1f, Activations.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, Activations.sigmoid(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Activations.sigmoid(Float.NaN)));
        assertEquals(Float.POSITIVE_INFINITY, Activations.exp(100f));
        assertEquals(0f, Activations.exp(-100f));
        assertEquals(1f, Activations.exp(0f));
    }

    /**
     * Many rounds over the same values, so that the vector loops run interpreted, then compiled by
     * each JIT tier: every round must give the scalar twin's bits (the Vector API's own TANH and
     * EXP changed in the last bit when the JIT compiled them).
     */
    @Test
    void vectorTwinsGiveTheSameBitsInEveryTier() {
        float[] x = values();
        float[] tanh = new float[x.length];
        float[] sigmoid = new float[x.length];
        float[] exp = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            tanh[i] = Activations.tanh(x[i]);
            sigmoid[i] = Activations.sigmoid(x[i]);
            exp[i] = Activations.exp(x[i]);
        }
        int lanes = VectorKernels.SPECIES.length();
        float[] out = new float[x.length];
        for (int round = 0; round < 40; round++) {
            int n = x.length - round % lanes;
            VectorActivations.tanh(x, 0, out, 0, n);
            assertSameBits(tanh, out, n, "tanh, round " + round);
            VectorActivations.sigmoid(x, 0, out, 0, n);
            assertSameBits(sigmoid, out, n, "sigmoid, round " + round);
            for (int i = 0; i + lanes <= n; i += lanes) {
                VectorRows.exp(FloatVector.fromArray(VectorKernels.SPECIES, x, i)).intoArray(out, i);
            }
            assertSameBits(exp, out, n / lanes * lanes, "exp, round " + round);
            // The lane functions that composite ops (GELU, SiLU) call, beside the array loops.
            for (int i = 0; i + lanes <= n; i += lanes) {
                VectorActivations.tanh(FloatVector.fromArray(VectorKernels.SPECIES, x, i)).intoArray(out, i);
            }
            assertSameBits(tanh, out, n / lanes * lanes, "tanh of one vector, round " + round);
            for (int i = 0; i + lanes <= n; i += lanes) {
                VectorActivations.sigmoid(FloatVector.fromArray(VectorKernels.SPECIES, x, i)).intoArray(out, i);
            }
            assertSameBits(sigmoid, out, n / lanes * lanes, "sigmoid of one vector, round " + round);
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": at x[" + i + "] the vector form gives " + actual[i]
                        + ", the scalar twin " + expected[i]);
            }
        }
    }
}
