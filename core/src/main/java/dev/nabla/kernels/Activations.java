package dev.nabla.kernels;

/**
 * e^x, tanh and the logistic sigmoid in float32 from additions, multiplications, divisions and
 * fused multiply-adds only, the scalar twins of {@link VectorActivations}: lane for lane the
 * same operations in the same order, so the two give the same bits, in every JIT tier.
 *
 * <p>Why not {@code Math.tanh} and the Vector API's {@code TANH} or {@code EXP}: the Vector API's
 * functions are a CPU routine once the JIT compiles a loop but a Java loop over {@code Math}
 * before, and the two differ in the last bit; so did a row computed by the vector loop and its
 * tail by the scalar formula. Training then came out differently from run to run with the same
 * seed. These are within 2 ulps of the exact values (the sigmoid of negative x within 2.5;
 * {@code ActivationsTest} measures them); tanh(−0) is +0.
 */
final class Activations {

    static final float LOG2_E = 1.44269504f;
    /** ln 2 in two parts, the first with trailing zero bits so that n·LN2_HIGH is exact. */
    static final float LN2_HIGH = 0.693359375f;
    static final float LN2_LOW = -2.12194440e-4f;
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude below 2²² to an integer. */
    static final float ROUNDER = 12582912f;
    /** Beyond these, e^x overflows float32, or falls below its smallest normal (taken as 0). */
    static final float OVERFLOW = 88.72283f;
    static final float UNDERFLOW = -87.33654f;
    /**
     * Below this |x|, tanh is x + x³·P(x²); above, 1 − 2/(e^{2|x|} + 1), whose subtraction would
     * lose the leading bits of a small result.
     */
    static final float TANH_SMALL = 0.625f;
    /** P's coefficients, lowest first: a minimax fit of (tanh x − x)/x³ over |x| ≤ 0.625 (relative error 3e-9). */
    static final float TANH_C0 = -0.3333333134651184f;
    static final float TANH_C1 = 0.1333320587873459f;
    static final float TANH_C2 = -0.053946804255247116f;
    static final float TANH_C3 = 0.021700941026210785f;
    static final float TANH_C4 = -0.008177991956472397f;
    static final float TANH_C5 = 0.0021435089875012636f;

    private Activations() {
    }

    /**
     * e^x within 2 ulps for x up to 88 (above, where 2ⁿ stops at 2¹²⁷, within about 20): x = n·ln 2
     * + r with |r| ≤ ln 2 / 2, e^r by its Taylor polynomial to degree 7, times 2ⁿ built in the
     * exponent bits. Below float32's smallest normal
     * (x < −87.34) 0, above its largest +inf; NaN stays NaN. {@link VectorRows#exp}'s twin.
     */
    static float exp(float x) {
        float n = Math.min(Math.max(x * LOG2_E, -126f), 127f) + ROUNDER - ROUNDER;
        float r = n * -LN2_HIGH + x;
        r = Math.fma(n, -LN2_LOW, r);
        float p = Math.fma(r, 1f / 5040, 1f / 720);
        p = Math.fma(p, r, 1f / 120);
        p = Math.fma(p, r, 1f / 24);
        p = Math.fma(p, r, 1f / 6);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        float y = p * Float.intBitsToFloat(((int) n + 127) << 23);
        if (x < UNDERFLOW) {
            return 0f;
        }
        return x > OVERFLOW ? Float.POSITIVE_INFINITY : y;
    }

    /** tanh x: an odd polynomial near 0, else from e^{2|x|}; ±1 for large |x|, NaN for NaN. */
    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            float u = x * x;
            float p = Math.fma(TANH_C5, u, TANH_C4);
            p = Math.fma(p, u, TANH_C3);
            p = Math.fma(p, u, TANH_C2);
            p = Math.fma(p, u, TANH_C1);
            p = Math.fma(p, u, TANH_C0);
            return Math.fma(x * u, p, x);
        }
        float r = 1f - 2f / (exp(a * 2f) + 1f);
        return x < 0f ? -r : r;
    }

    /** 1 / (1 + e^−x), as e^−|x| / (1 + e^−|x|) for negative x, so that neither side overflows. */
    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        return (x < 0f ? e : 1f) / (e + 1f);
    }
}
