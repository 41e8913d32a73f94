package dev.nabla.tensor;

/**
 * Leaf tensors for gradient checks: seeded, requiring grad, and with values placed where
 * the op under test is smooth. Finite differences step by 3e-3, so every value stays at
 * least {@link #MARGIN} from a kink, a boundary or a tie.
 */
final class TestTensors {

    /** The smallest distance kept between a value and a point where the op is not differentiable. */
    static final float MARGIN = 0.05f;

    private TestTensors() {
    }

    /** A leaf with values uniform in [low, high). */
    static Tensor leaf(Generator gen, float low, float high, int... shape) {
        return Tensor.uniform(gen, low, high, shape).requiresGrad(true);
    }

    /** A leaf with values uniform in [low, high) but never within {@link #MARGIN} of a kink. */
    static Tensor leafAvoiding(float[] kinks, Generator gen, float low, float high, int... shape) {
        float[] values = new float[Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
            do {
                values[i] = low + (high - low) * gen.nextFloat();
            } while (nearAny(values[i], kinks));
        }
        return Tensor.of(values, shape).requiresGrad(true);
    }

    /** A leaf with magnitudes uniform in [minMagnitude, maxMagnitude) and random signs. */
    static Tensor leafAwayFromZero(Generator gen, float minMagnitude, float maxMagnitude, int... shape) {
        float[] values = new float[Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
            float magnitude = minMagnitude + (maxMagnitude - minMagnitude) * gen.nextFloat();
            values[i] = gen.nextFloat() < 0.5f ? -magnitude : magnitude;
        }
        return Tensor.of(values, shape).requiresGrad(true);
    }

    /**
     * A leaf whose values differ pairwise by at least 0.15 in magnitude, are at least 0.2
     * from zero and have random signs: no ties for max/min, no kink for abs.
     */
    static Tensor leafDistinct(Generator gen, int... shape) {
        float[] rank = Tensor.permutation(gen, Shape.of(shape).size()).toFloatArray();
        float[] values = new float[rank.length];
        for (int i = 0; i < values.length; i++) {
            float magnitude = 0.2f + 0.2f * rank[i] + 0.05f * gen.nextFloat();
            values[i] = gen.nextFloat() < 0.5f ? -magnitude : magnitude;
        }
        return Tensor.of(values, shape).requiresGrad(true);
    }

    /**
     * A leaf of integers in [-2, 2) plus a fraction in [low, high): two leaves drawn with
     * disjoint fraction ranges never tie, whatever broadcasting pairs up.
     */
    static Tensor leafWithFraction(Generator gen, float low, float high, int... shape) {
        float[] values = new float[Shape.of(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = gen.nextInt(4) - 2 + low + (high - low) * gen.nextFloat();
        }
        return Tensor.of(values, shape).requiresGrad(true);
    }

    private static boolean nearAny(float value, float[] kinks) {
        for (float kink : kinks) {
            if (Math.abs(value - kink) < MARGIN) {
                return true;
            }
        }
        return false;
    }
}
