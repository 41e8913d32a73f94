package dev.nabla.kernels;

/**
 * The SplitMix64 sequence behind {@code dev.nabla.tensor.Generator}: draw number i (from 1)
 * after a state s is {@code mix(s + i·GAMMA)}. Any draw can be computed from the state alone,
 * so a kernel can make a range of draws in vector lanes and on several threads and still give
 * exactly the numbers the generator gives one after another.
 */
public final class SplitMix64 {
    /** What the state advances by per draw. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final long MULTIPLIER_1 = 0xBF58476D1CE4E5B9L;
    static final long MULTIPLIER_2 = 0x94D049BB133111EBL;

    private SplitMix64() {
    }

    /** The 64 random bits of an advanced state {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * MULTIPLIER_1;
        z = (z ^ (z >>> 27)) * MULTIPLIER_2;
        return z ^ (z >>> 31);
    }
}
