package dev.nabla.kernels;

/**
 * Pointwise functions of one argument, with their derivatives. The scalar formulas here
 * are the definition every {@link Kernels} implementation must agree with.
 *
 * <p>{@code param} is the op's one float parameter where it has one: the slope of
 * {@link #LEAKY_RELU}, alpha of {@link #ELU}, beta of {@link #SOFTPLUS}, the exponent of
 * {@link #POW_SCALAR}; it is ignored elsewhere.
 */
public enum UnaryOp {
    NEG, ABS, SQRT, EXP, LOG, LOG1P, SIN, COS, TANH, SIGMOID, RELU, LEAKY_RELU, ELU,
    GELU, GELU_TANH, SILU, SOFTPLUS, POW_SCALAR, SIGN, ERF;

    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final float GELU_TANH_CUBIC = 0.044715f;
    private static final float INV_SQRT_2 = 0.7071067811865476f;
    private static final float INV_SQRT_2PI = 0.3989422804014327f;
    private static final float TWO_OVER_SQRT_PI = 1.1283791670955126f;
    /** Above beta·x of this size softplus is x to float precision (PyTorch's threshold). */
    static final float SOFTPLUS_THRESHOLD = 20f;

    /** f(x). */
    public float apply(float x, float param) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQRT -> (float) Math.sqrt(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case LOG1P -> (float) Math.log1p(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case TANH -> Activations.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0 ? x : 0f;
            case LEAKY_RELU -> x > 0 ? x : param * x;
            case ELU -> x > 0 ? x : param * (float) Math.expm1(x);
            case GELU -> 0.5f * x * (1f + erf(x * INV_SQRT_2));
            case GELU_TANH -> 0.5f * x * (1f + Activations.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x)));
            case SILU -> x * sigmoid(x);
            case SOFTPLUS -> softplus(x, param);
            case POW_SCALAR -> (float) Math.pow(x, param);
            case SIGN -> Math.signum(x);
            case ERF -> erf(x);
        };
    }

    /** f'(x), given x and y = f(x). */
    public float derivative(float x, float y, float param) {
        return switch (this) {
            case NEG -> -1f;
            case ABS -> Math.signum(x);
            case SQRT -> 0.5f / y;
            case EXP -> y;
            case LOG -> 1f / x;
            case LOG1P -> 1f / (1f + x);
            case SIN -> (float) Math.cos(x);
            case COS -> (float) -Math.sin(x);
            case TANH -> 1f - y * y;
            case SIGMOID -> y * (1f - y);
            case RELU -> x > 0 ? 1f : 0f;
            case LEAKY_RELU -> x > 0 ? 1f : param;
            case ELU -> x > 0 ? 1f : y + param;
            case GELU -> {
                float cdf = 0.5f * (1f + erf(x * INV_SQRT_2));
                yield cdf + x * INV_SQRT_2PI * (float) Math.exp(-0.5 * x * x);
            }
            case GELU_TANH -> {
                float inner = SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x);
                float t = Activations.tanh(inner);
                float dInner = SQRT_2_OVER_PI * (1f + 3f * GELU_TANH_CUBIC * x * x);
                yield 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * dInner;
            }
            case SILU -> {
                float s = sigmoid(x);
                yield s * (1f + x * (1f - s));
            }
            case SOFTPLUS -> x * param > SOFTPLUS_THRESHOLD ? 1f : sigmoid(param * x);
            case POW_SCALAR -> param == 0f ? 0f : param * (float) Math.pow(x, param - 1f);
            case SIGN -> 0f;
            case ERF -> TWO_OVER_SQRT_PI * (float) Math.exp(-(double) x * x);
        };
    }

    static float sigmoid(float x) {
        return Activations.sigmoid(x);
    }

    static float softplus(float x, float beta) {
        float bx = beta * x;
        if (bx > SOFTPLUS_THRESHOLD) {
            return x;
        }
        // log(1 + e^bx) = max(bx, 0) + log1p(e^-|bx|), stable for both signs.
        return (float) ((Math.max(bx, 0.0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta);
    }

    /**
     * Error function in double precision: the Maclaurin series below 2.5 and the
     * continued fraction of erfc above (both agree with a reference erf to ~1e-14).
     */
    static float erf(float x) {
        double z = Math.abs(x);
        double r;
        if (z < 2.5) {
            double sum = z, term = z, z2 = z * z;
            for (int n = 1; n < 60; n++) {
                term *= -z2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) break;
            }
            r = 2.0 / Math.sqrt(Math.PI) * sum;
        } else {
            double z2 = z * z, f = 0;
            for (int n = 60; n >= 1; n--) {
                f = n / 2.0 / (z + f);
            }
            r = 1.0 - Math.exp(-z2) / Math.sqrt(Math.PI) / (z + f);
        }
        return (float) (x < 0 ? -r : r);
    }
}
