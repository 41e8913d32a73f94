package dev.nabla.data.image;

import dev.nabla.tensor.Generator;

/** Argument checks and random draws shared by the transforms. */
final class Transforms {

    private Transforms() {
    }

    static void checkProbability(double probability, String who) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(who + ": the probability must be in [0, 1], got " + probability);
        }
    }

    /** Checks that {@code low ≤ high}, both finite, and {@code low ≥ min}. */
    static void checkRange(double low, double high, double min, String what, String who) {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high) || low < min) {
            throw new IllegalArgumentException(who + ": the " + what + " range must be finite with low ≤ high"
                    + (min > Double.NEGATIVE_INFINITY ? " and low ≥ " + min : "") + ", got [" + low + ", " + high + "]");
        }
    }

    /** Uniform in [low, high). */
    static double uniform(Generator generator, double low, double high) {
        return low + (high - low) * generator.nextDouble();
    }
}
