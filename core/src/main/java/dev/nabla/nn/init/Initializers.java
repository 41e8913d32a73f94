package dev.nabla.nn.init;

import dev.nabla.tensor.Tensor;

/**
 * The standard initialisation schemes, with PyTorch's formulas ({@code torch.nn.init}).
 * Keras names: GlorotUniform (Keras's default for Dense and Conv kernels), HeNormal, and
 * so on; Keras's defaults draw from a truncated normal where PyTorch uses a plain one for
 * the "normal" variants of He and LeCun.
 */
public final class Initializers {

    private Initializers() {
    }

    /** Every value {@code value}. */
    public static Initializer constant(float value) {
        return (shape, gen) -> Tensor.full(value, shape.toArray());
    }

    /** All zeros. */
    public static Initializer zeros() {
        return constant(0f);
    }

    /** All ones. */
    public static Initializer ones() {
        return constant(1f);
    }

    /** Uniform in [low, high). */
    public static Initializer uniform(float low, float high) {
        return (shape, gen) -> Tensor.uniform(gen, low, high, shape.toArray());
    }

    /** Normal with the given mean and standard deviation. */
    public static Initializer normal(float mean, float std) {
        return (shape, gen) -> Tensor.normal(gen, mean, std, shape.toArray());
    }

    /** Glorot/Xavier uniform: U(-a, a) with a = gain·sqrt(6 / (fanIn + fanOut)). */
    public static Initializer glorotUniform(float gain) {
        return (shape, gen) -> {
            Initializer.Fans f = Initializer.Fans.of(shape);
            float bound = (float) (gain * Math.sqrt(6.0 / (f.in() + f.out())));
            return Tensor.uniform(gen, -bound, bound, shape.toArray());
        };
    }

    /** Glorot/Xavier normal: N(0, std²) with std = gain·sqrt(2 / (fanIn + fanOut)). */
    public static Initializer glorotNormal(float gain) {
        return (shape, gen) -> {
            Initializer.Fans f = Initializer.Fans.of(shape);
            float std = (float) (gain * Math.sqrt(2.0 / (f.in() + f.out())));
            return Tensor.normal(gen, 0f, std, shape.toArray());
        };
    }

    /** He/Kaiming uniform: U(-b, b) with b = gain·sqrt(3 / fan), gain from the nonlinearity. */
    public static Initializer heUniform(FanMode mode, float gain) {
        return (shape, gen) -> {
            float bound = (float) (gain * Math.sqrt(3.0 / fan(mode, shape)));
            return Tensor.uniform(gen, -bound, bound, shape.toArray());
        };
    }

    /** He/Kaiming normal: N(0, std²) with std = gain / sqrt(fan). */
    public static Initializer heNormal(FanMode mode, float gain) {
        return (shape, gen) -> Tensor.normal(gen, 0f, (float) (gain / Math.sqrt(fan(mode, shape))), shape.toArray());
    }

    /** LeCun normal: N(0, 1 / fanIn), PyTorch-style (Keras truncates at 2 std). */
    public static Initializer lecunNormal() {
        return heNormal(FanMode.FAN_IN, 1f);
    }

    /**
     * Normal with the given mean and std, redrawn until inside [low, high] (absolute
     * bounds, as PyTorch's trunc_normal_; Keras's TruncatedNormal uses mean ± 2·std).
     */
    public static Initializer truncatedNormal(float mean, float std, float low, float high) {
        if (!(low < high) || mean < low || mean > high) {
            throw new IllegalArgumentException("truncatedNormal: need low < high with the mean inside,"
                    + " got mean " + mean + " in [" + low + ", " + high + "]");
        }
        return (shape, gen) -> {
            float[] values = new float[shape.size()];
            for (int i = 0; i < values.length; i++) {
                double v;
                do {
                    v = mean + std * gen.nextGaussian();
                } while (v < low || v > high);
                values[i] = (float) v;
            }
            return Tensor.of(values, shape.toArray());
        };
    }

    /**
     * A (semi-)orthogonal matrix times gain, from the QR decomposition of a normal matrix
     * (rows = first dimension, columns = the rest flattened), as PyTorch's orthogonal_.
     */
    public static Initializer orthogonal(float gain) {
        return (shape, gen) -> Orthogonal.create(shape, gen, gain);
    }

    /** The recommended gain for a nonlinearity, as PyTorch's calculate_gain. */
    public static float gain(String nonlinearity, float negativeSlope) {
        return switch (nonlinearity) {
            case "linear", "identity", "conv1d", "conv2d", "conv_transpose2d", "sigmoid" -> 1f;
            case "tanh" -> 5f / 3f;
            case "relu" -> (float) Math.sqrt(2.0);
            case "leaky_relu" -> (float) Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            case "selu" -> 0.75f;
            default -> throw new IllegalArgumentException("gain: unknown nonlinearity '" + nonlinearity
                    + "'; known: linear, conv1d, conv2d, conv_transpose2d, sigmoid, tanh, relu, leaky_relu, selu");
        };
    }

    private static double fan(FanMode mode, dev.nabla.tensor.Shape shape) {
        Initializer.Fans f = Initializer.Fans.of(shape);
        return mode == FanMode.FAN_IN ? f.in() : f.out();
    }
}
