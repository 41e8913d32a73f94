package dev.nabla.kernels;

/**
 * The two 16-bit floating-point storage formats, held as raw bits in {@code short} values
 * (and {@code short[]} arrays): compact storage for tensors that are computed in float32.
 * The methods here convert one value; they are the definition the array kernels
 * ({@link Kernels#floatToHalf}, {@link Kernels#halfToFloat}) must match bit for bit.
 *
 * <p>Widening to float32 is exact in both formats. Narrowing rounds to nearest, ties to even.
 */
public enum HalfPrecision {

    /**
     * bfloat16 ({@code torch.bfloat16}): the upper half of a float32, so the same exponent
     * range (no overflow short of float32's own, subnormals kept) with 8 significant bits
     * (relative rounding error at most 2⁻⁸). A NaN stays a NaN of the same sign: its upper
     * 16 bits with the quiet bit set, since plain truncation could turn a NaN whose payload
     * sits in the low bits into infinity.
     */
    BFLOAT16 {
        @Override
        public float toFloat(short bits) {
            return Float.intBitsToFloat(bits << 16);
        }

        @Override
        public short fromFloat(float value) {
            int bits = Float.floatToRawIntBits(value);
            if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
                return (short) ((bits >>> 16) | QUIET_BIT);
            }
            // Adding 0x7FFF plus the kept part's lowest bit rounds half to even; a carry out of
            // the significand bumps the exponent, which is the right result up to infinity.
            return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
        }

        @Override
        public float unitRoundoff() {
            return 0x1p-8f;
        }
    },

    /**
     * IEEE 754 binary16 ({@code torch.float16}, "half"), with the JDK's conversions of numbers
     * ({@link Float#floatToFloat16}, {@link Float#float16ToFloat}): 11 significant bits
     * (relative rounding error at most 2⁻¹¹), largest finite value 65504; larger magnitudes
     * become infinities (from 65520 up, half an ulp past the largest), magnitudes below
     * 2⁻²⁴ lose precision as subnormals or become zero.
     *
     * <p>NaNs are handled here rather than by the JDK, whose result for a NaN depends on
     * whether the call is interpreted (the significand kept as is) or compiled to the CPU's
     * conversion instruction (made quiet): a NaN becomes a quiet NaN of the same sign with
     * the top significand bits, as the x86 and Arm instructions do, and so the same everywhere.
     */
    FLOAT16 {
        @Override
        public float toFloat(short bits) {
            if ((bits & 0x7FFF) > FLOAT16_INFINITY) {
                return Float.intBitsToFloat((bits & 0x8000) << 16 | 0x7FC0_0000 | (bits & 0x03FF) << 13);
            }
            return Float.float16ToFloat(bits);
        }

        @Override
        public short fromFloat(float value) {
            int bits = Float.floatToRawIntBits(value);
            if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
                return (short) ((bits >>> 16) & 0x8000 | FLOAT16_QUIET_NAN | (bits >>> 13) & 0x03FF);
            }
            return Float.floatToFloat16(value);
        }

        @Override
        public float unitRoundoff() {
            return 0x1p-11f;
        }
    };

    /** The bfloat16 significand's top bit, which makes a NaN quiet. */
    static final int QUIET_BIT = 0x0040;
    /** Float16 infinity's bits: magnitudes above are NaNs. */
    static final int FLOAT16_INFINITY = 0x7C00;
    /** Float16 all-ones exponent and top significand bit: the bits every quiet NaN has. */
    static final int FLOAT16_QUIET_NAN = 0x7E00;

    /** The float32 value of these bits; exact. */
    public abstract float toFloat(short bits);

    /** The nearest value of this format (ties to even), as bits; NaN stays NaN. */
    public abstract short fromFloat(float value);

    /**
     * The largest relative error of rounding a normal float32 into this format:
     * {@code |fromFloat(x) − x| ≤ unitRoundoff()·|x|} (2⁻⁸ for bfloat16, 2⁻¹¹ for float16).
     */
    public abstract float unitRoundoff();
}
