package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels#halfToFloat} and {@link Kernels#floatToHalf} on the Vector API, bit for bit
 * the scalar {@link HalfPrecision} conversions.
 *
 * <p>The Vector API has no half-precision conversion (no {@code F2HF}), so both formats are
 * converted with integer operations on the float bits: a vector of shorts is widened to ints
 * ({@code S2I}, a single sign-extending move), shifted or rebased into float32 bits and
 * reinterpreted; the way back rounds in the int lanes and narrows with {@code I2S}. The
 * shorts are a half-width species with as many lanes as the float vectors, so one float
 * vector and one short vector line up element for element.
 */
final class VectorHalfPrecision {
    private static final VectorSpecies<Float> F = VectorKernels.SPECIES;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    private static final VectorSpecies<Short> H =
            VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final int L = F.length();

    /** 2¹¹², the ratio of the float32 to the float16 exponent bias (127 − 15). */
    private static final float FLOAT16_REBIAS = 0x1p112f;
    /** Float32 bits of 2⁻¹⁴, the smallest normal float16: below it the result is subnormal. */
    private static final int FLOAT16_SMALLEST_NORMAL = 113 << 23;
    /**
     * Float32 bits of 2¹⁶: from here on the result is infinity (the normal path rounds
     * 65520 up to 2¹⁶ to infinity itself, but its bits go wrong further up).
     */
    private static final int FLOAT16_OVERFLOW = 143 << 23;
    /** Float32 bits of 0.5: adding it puts a float16 subnormal's ulp (2⁻²⁴) at the last bit. */
    private static final int HALF = 126 << 23;

    private VectorHalfPrecision() {
    }

    static void halfToFloat(HalfPrecision format, short[] src, int srcOff, float[] dst, int dstOff, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        if (format == HalfPrecision.BFLOAT16) {
            for (; i < bound; i += L) {
                // bfloat16 is the upper half of a float32: a shift is the whole conversion.
                widen(src, srcOff + i).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats()
                        .intoArray(dst, dstOff + i);
            }
        } else {
            for (; i < bound; i += L) {
                float16ToFloat(widen(src, srcOff + i)).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) {
            dst[dstOff + i] = format.toFloat(src[srcOff + i]);
        }
    }

    static void floatToHalf(HalfPrecision format, float[] src, int srcOff, short[] dst, int dstOff, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        if (format == HalfPrecision.BFLOAT16) {
            for (; i < bound; i += L) {
                narrow(floatToBfloat16(FloatVector.fromArray(F, src, srcOff + i))).intoArray(dst, dstOff + i);
            }
        } else {
            for (; i < bound; i += L) {
                narrow(floatToFloat16(FloatVector.fromArray(F, src, srcOff + i))).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) {
            dst[dstOff + i] = format.fromFloat(src[srcOff + i]);
        }
    }

    /**
     * Rows × cols halves, rows {@code ld} apart from {@code s}, widened into consecutive rows
     * of {@code cols} floats at {@code d}: how the matrix multiply packs a half operand.
     */
    static void widenBlock(HalfPrecision format, short[] src, int s, int ld, int rows, int cols, float[] dst, int d) {
        for (int r = 0; r < rows; r++) {
            halfToFloat(format, src, s + r * ld, dst, d + r * cols, cols);
        }
    }

    /** One vector of shorts as ints, sign-extended (the upper bits are shifted or masked off). */
    private static IntVector widen(short[] src, int offset) {
        return (IntVector) ShortVector.fromArray(H, src, offset).convertShape(VectorOperators.S2I, I, 0);
    }

    /** The low 16 bits of each int lane as shorts. */
    private static ShortVector narrow(IntVector bits) {
        return (ShortVector) bits.convertShape(VectorOperators.I2S, H, 0);
    }

    /** Round to nearest even on the bits, as {@link HalfPrecision#BFLOAT16}'s fromFloat. */
    private static IntVector floatToBfloat16(FloatVector value) {
        IntVector bits = value.reinterpretAsInts();
        IntVector upper = bits.lanewise(VectorOperators.LSHR, 16);
        IntVector rounded = bits.add(0x7FFF).add(upper.and(1)).lanewise(VectorOperators.LSHR, 16);
        VectorMask<Integer> nan = bits.and(0x7FFF_FFFF).compare(VectorOperators.GT, 0x7F80_0000);
        return rounded.blend(upper.or(HalfPrecision.QUIET_BIT), nan);
    }

    /**
     * Float16 bits (sign-extended in ints) to float32: the exponent and significand moved into
     * float32 position form a float 2¹¹² times too small, so one exact multiply rebiases
     * normals and normalizes subnormals alike; infinities and NaNs (exponent all ones) get
     * float32's all-ones exponent and keep their significand, NaNs made quiet.
     */
    private static FloatVector float16ToFloat(IntVector half) {
        IntVector unsigned = half.and(0x7FFF);
        IntVector magnitude = unsigned.lanewise(VectorOperators.LSHL, 13);
        IntVector sign = half.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector finite = magnitude.reinterpretAsFloats().mul(FLOAT16_REBIAS).reinterpretAsInts();
        IntVector infinite = magnitude.or(0x7F80_0000);
        IntVector result = finite
                .blend(infinite, unsigned.compare(VectorOperators.GE, HalfPrecision.FLOAT16_INFINITY))
                .blend(infinite.or(0x0040_0000), unsigned.compare(VectorOperators.GT, HalfPrecision.FLOAT16_INFINITY));
        return result.or(sign).reinterpretAsFloats();
    }

    /**
     * Float32 to float16 bits, as {@link Float#floatToFloat16}: normal results round to nearest
     * even on the bits (rebase the exponent, add 0xFFF plus the kept part's lowest bit, shift;
     * a carry into the exponent reaches infinity from 65520 up). Subnormal results come from a
     * float add of 0.5, which rounds the value at 2⁻²⁴, the float16 subnormal ulp, with the
     * hardware's ties-to-even. NaNs become quiet and keep sign and top significand bits.
     */
    private static IntVector floatToFloat16(FloatVector value) {
        IntVector bits = value.reinterpretAsInts();
        IntVector magnitude = bits.and(0x7FFF_FFFF);
        IntVector normal = magnitude.add(((15 - 127) << 23) + 0xFFF)
                .add(magnitude.lanewise(VectorOperators.LSHR, 13).and(1))
                .lanewise(VectorOperators.LSHR, 13);
        IntVector subnormal = magnitude.reinterpretAsFloats().add(0.5f).reinterpretAsInts().sub(HALF);
        IntVector nan = bits.lanewise(VectorOperators.LSHR, 13).and(0x03FF).or(HalfPrecision.FLOAT16_QUIET_NAN);
        IntVector result = normal
                .blend(subnormal, magnitude.compare(VectorOperators.LT, FLOAT16_SMALLEST_NORMAL))
                .blend(HalfPrecision.FLOAT16_INFINITY, magnitude.compare(VectorOperators.GE, FLOAT16_OVERFLOW))
                .blend(nan, magnitude.compare(VectorOperators.GT, 0x7F80_0000));
        return result.or(bits.and(0x8000_0000).lanewise(VectorOperators.LSHR, 16));
    }
}
