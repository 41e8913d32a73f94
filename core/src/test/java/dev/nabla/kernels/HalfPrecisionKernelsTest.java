package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance of the vector half-precision conversions ({@link VectorHalfPrecision}) with the
 * scalar definition, bit for bit: every one of the 65,536 halves, floats whose rounding is
 * hard (ties, overflow, subnormal results, NaNs with any payload), on sizes that straddle the
 * lane boundaries and at nonzero offsets, leaving the rest of the output untouched.
 */
class HalfPrecisionKernelsTest {
    static final int[] SIZES = {1, 3, 15, 16, 17, 31, 33, 63, 65, 1023, 1025};
    static final short OUTSIDE_HALF = 0x1234;
    static final float OUTSIDE_FLOAT = -12345f;

    final Kernels scalar = new ScalarKernels();
    final Kernels vector = new VectorKernels();

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void widensEveryHalfAsTheScalarDefinition(HalfPrecision format) {
        short[] every = new short[1 << 16];
        for (int bits = 0; bits < every.length; bits++) {
            every[bits] = (short) bits;
        }
        float[] expected = new float[every.length];
        float[] actual = new float[every.length];
        scalar.halfToFloat(format, every, 0, expected, 0, every.length);
        vector.halfToFloat(format, every, 0, actual, 0, every.length);
        for (int bits = 0; bits < every.length; bits++) {
            assertEquals(Float.floatToRawIntBits(expected[bits]), Float.floatToRawIntBits(actual[bits]),
                    format + " " + Integer.toHexString(bits));
        }
    }

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void narrowsHardCasesAsTheScalarDefinition(HalfPrecision format) {
        float[] hard = hardFloats(format, new Random(3), 200_000);
        short[] expected = new short[hard.length];
        short[] actual = new short[hard.length];
        scalar.floatToHalf(format, hard, 0, expected, 0, hard.length);
        vector.floatToHalf(format, hard, 0, actual, 0, hard.length);
        for (int i = 0; i < hard.length; i++) {
            assertEquals(expected[i], actual[i], format + " of " + hard[i] + " (bits "
                    + Integer.toHexString(Float.floatToRawIntBits(hard[i])) + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void agreesOnSizesAcrossLaneBoundariesAtOffsets(HalfPrecision format) {
        Random random = new Random(4);
        for (int n : SIZES) {
            float[] source = hardFloats(format, random, n + 5);
            short[] halves = new short[n + 9];
            java.util.Arrays.fill(halves, OUTSIDE_HALF);
            short[] expectedHalves = halves.clone();
            scalar.floatToHalf(format, source, 5, expectedHalves, 2, n);
            vector.floatToHalf(format, source, 5, halves, 2, n);
            assertArrayEquals(expectedHalves, halves, format + " narrowing n=" + n);

            float[] floats = new float[n + 7];
            java.util.Arrays.fill(floats, OUTSIDE_FLOAT);
            float[] expectedFloats = floats.clone();
            scalar.halfToFloat(format, halves, 2, expectedFloats, 3, n);
            vector.halfToFloat(format, halves, 2, floats, 3, n);
            for (int i = 0; i < floats.length; i++) {
                assertEquals(Float.floatToRawIntBits(expectedFloats[i]), Float.floatToRawIntBits(floats[i]),
                        format + " widening n=" + n + " at " + i);
            }
        }
    }

    /**
     * Floats around the format's rounding points: halves plus or minus a half ulp (ties) and
     * a bit either side, random bit patterns (NaNs with every kind of payload among them),
     * values near overflow and in the subnormal range, signed zeros and infinities.
     */
    static float[] hardFloats(HalfPrecision format, Random random, int count) {
        float[] x = new float[count];
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 65504f, 65519.99f, 65520f, -65520f, 0x1p-25f,
            0x1.8p-25f, 0x1p-24f, 0x1p-14f, 0x1.ffcp-15f, Float.intBitsToFloat(0x7F80_0001),
            Float.intBitsToFloat(0xFF80_2000), Float.intBitsToFloat(0x7FBF_FFFF)};
        for (int i = 0; i < count; i++) {
            switch (i < special.length ? -1 : random.nextInt(4)) {
                case -1 -> x[i] = special[i];
                case 0 -> x[i] = Float.intBitsToFloat(random.nextInt());
                case 1 -> {
                    // A half, then moved to the midpoint below or above it, or next to it.
                    int half = format.fromFloat((float) random.nextGaussian() * 1000f) & 0xFFFF;
                    float value = format.toFloat((short) half);
                    float next = format.toFloat((short) (half + 1));
                    float midpoint = value + (next - value) / 2;
                    x[i] = switch (random.nextInt(3)) {
                        case 0 -> midpoint;
                        case 1 -> Math.nextUp(midpoint);
                        default -> Math.nextDown(midpoint);
                    };
                }
                case 2 -> x[i] = Float.intBitsToFloat(random.nextInt(0x4800_0000)) * (random.nextBoolean() ? 1 : -1);
                default -> x[i] = (float) random.nextGaussian() * 0x1p-20f;
            }
        }
        return x;
    }
}
