package dev.nabla.tensor;

import dev.nabla.kernels.SplitMix64;

/**
 * A seeded source of random numbers. The same seed gives the same sequence on every JVM
 * and platform (SplitMix64 for the bits, Box–Muller for normal values), so the same seed
 * gives the same tensors. Not thread-safe: give each thread its own generator.
 */
public final class Generator {

    private long state;
    private double spareNormal;
    private boolean hasSpare;

    /** A generator whose sequence is fixed by {@code seed}. */
    public Generator(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        return SplitMix64.mix(state += SplitMix64.GAMMA);
    }

    /**
     * Skips {@code draws} calls of {@link #nextLong()} and returns the state before them: draw
     * i (from 1) of those is {@code SplitMix64.mix(state + i·GAMMA)}, which a kernel can compute
     * for any i ({@link dev.nabla.kernels.Kernels#dropout}).
     */
    long skip(long draws) {
        long before = state;
        state += draws * SplitMix64.GAMMA;
        return before;
    }

    /** Uniform in [0, 1), with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = Long.remainderUnsigned(-1L, bound);
        while (true) {
            long bits = nextLong();
            if (Long.compareUnsigned(bits, -1L - limit) < 0 || limit == bound - 1) {
                return (int) Long.remainderUnsigned(bits, bound);
            }
        }
    }

    /** Standard normal (mean 0, variance 1). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        spareNormal = radius * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return radius * Math.cos(2 * Math.PI * u2);
    }
}
