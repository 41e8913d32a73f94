package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scalar definition of the half formats: bfloat16 rounding (ties to even, overflow,
 * subnormals, NaN) checked against exact decimal arithmetic, and both formats round-tripping.
 */
class HalfPrecisionTest {
    static final HalfPrecision BF16 = HalfPrecision.BFLOAT16;

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        assertEquals(1f, BF16.toFloat((short) 0x3F80));
        assertEquals(-2f, BF16.toFloat((short) 0xC000));
        assertEquals(Float.POSITIVE_INFINITY, BF16.toFloat((short) 0x7F80));
        assertEquals((short) 0x3F80, BF16.fromFloat(1f));
        assertEquals((short) 0x8000, BF16.fromFloat(-0f));
        assertEquals((short) 0x0001, BF16.fromFloat(Float.MIN_VALUE * 0x1p16f), "smallest bfloat16 subnormal");
    }

    @Test
    void bfloat16RoundsTiesToEven() {
        // 1 + 2⁻⁸ lies halfway between 1 and 1 + 2⁻⁷: the even one (1) wins.
        assertEquals(1f, BF16.toFloat(BF16.fromFloat(1f + 0x1p-8f)));
        // 1 + 3·2⁻⁸ lies halfway between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶ (even).
        assertEquals(1f + 0x1p-6f, BF16.toFloat(BF16.fromFloat(1f + 3 * 0x1p-8f)));
        // Just above a tie rounds up.
        assertEquals(1f + 0x1p-7f, BF16.toFloat(BF16.fromFloat(1f + 0x1p-8f + 0x1p-23f)));
    }

    @Test
    void bfloat16OverflowsToInfinityOnlyPastHalfAnUlpAboveItsLargest() {
        float largest = BF16.toFloat((short) 0x7F7F);
        assertEquals(largest, BF16.toFloat(BF16.fromFloat(largest + Math.ulp(largest) * 8)));
        assertEquals(Float.POSITIVE_INFINITY, BF16.toFloat(BF16.fromFloat(Float.MAX_VALUE)));
        assertEquals(Float.NEGATIVE_INFINITY, BF16.toFloat(BF16.fromFloat(-Float.MAX_VALUE)));
        assertEquals(Float.NEGATIVE_INFINITY, BF16.toFloat(BF16.fromFloat(Float.NEGATIVE_INFINITY)));
    }

    @Test
    void bfloat16KeepsEveryNaNANaNOfTheSameSign() {
        int[] nanBits = {0x7FC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FFF_FFFF, 0xFFC0_1234, 0x7F80_FFFF};
        for (int bits : nanBits) {
            short half = BF16.fromFloat(Float.intBitsToFloat(bits));
            float back = BF16.toFloat(half);
            assertTrue(Float.isNaN(back), Integer.toHexString(bits));
            assertEquals(bits < 0, (half & 0x8000) != 0, "sign of " + Integer.toHexString(bits));
        }
    }

    @Test
    void bfloat16IsTheNearestValueForRandomBits() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20_000; trial++) {
            float x = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(x)) {
                continue;
            }
            short half = BF16.fromFloat(x);
            float rounded = BF16.toFloat(half);
            if (Float.isInfinite(rounded)) {
                assertTrue(Math.abs(x) >= 0x1.FFp127f, "overflow of " + x);
                continue;
            }
            // No bfloat16 neighbour is nearer, and at a tie the kept one is even.
            float below = BF16.toFloat((short) (half - 1));
            float above = BF16.toFloat((short) (half + 1));
            BigDecimal error = exact(x).subtract(exact(rounded)).abs();
            for (float neighbour : new float[] {below, above}) {
                if (Float.isFinite(neighbour)) {
                    int order = error.compareTo(exact(x).subtract(exact(neighbour)).abs());
                    assertTrue(order < 0 || order == 0 && (half & 1) == 0, x + " rounded to " + rounded);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void everyHalfThatIsANumberRoundTripsExactly(HalfPrecision format) {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float value = format.toFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals((short) bits, format.fromFloat(value), format + " " + Integer.toHexString(bits));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void roundingErrorIsWithinTheUnitRoundoff(HalfPrecision format) {
        Random random = new Random(2);
        for (int trial = 0; trial < 10_000; trial++) {
            float x = (float) random.nextGaussian() * 100f;
            float rounded = format.toFloat(format.fromFloat(x));
            assertTrue(Math.abs(rounded - x) <= format.unitRoundoff() * Math.abs(x), format + ": " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(HalfPrecision.class)
    void everyNaNBecomesAQuietNaNOfTheSameSign(HalfPrecision format) {
        int[] nanBits = {0x7F80_0001, 0xFF80_0001, 0x7FC0_0000, 0x7FFF_FFFF, 0xFFA0_2000};
        for (int bits : nanBits) {
            short half = format.fromFloat(Float.intBitsToFloat(bits));
            int wide = Float.floatToRawIntBits(format.toFloat(half));
            assertEquals(0x7FC0_0000, wide & 0x7FC0_0000, format + " " + Integer.toHexString(bits));
            assertEquals(bits & 0x8000_0000, wide & 0x8000_0000, format + " sign of " + Integer.toHexString(bits));
        }
    }

    @Test
    void float16WideningMakesSignallingNaNsQuiet() {
        // Whether the JDK's float16ToFloat does depends on interpreted or compiled code.
        int wide = Float.floatToRawIntBits(HalfPrecision.FLOAT16.toFloat((short) 0xFC01));
        assertEquals(0xFFC0_2000, wide);
    }

    @Test
    void float16IsTheJdksBinary16() {
        assertEquals((short) 0x3C00, HalfPrecision.FLOAT16.fromFloat(1f));
        assertEquals((short) 0x7BFF, HalfPrecision.FLOAT16.fromFloat(65504f));
        assertEquals((short) 0x7C00, HalfPrecision.FLOAT16.fromFloat(65520f));
        assertEquals((short) 0x0001, HalfPrecision.FLOAT16.fromFloat(0x1p-24f));
        assertEquals(65504f, HalfPrecision.FLOAT16.toFloat((short) 0x7BFF));
    }

    private static BigDecimal exact(float x) {
        return new BigDecimal(x);
    }
}
