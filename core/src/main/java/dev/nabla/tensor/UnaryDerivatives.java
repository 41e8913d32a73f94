package dev.nabla.tensor;

import dev.nabla.kernels.UnaryOp;
import java.util.function.Supplier;

/**
 * The chain rule of each unary op, {@code gradient · op'(x)}, written with recorded tensor ops
 * so that it can be differentiated again (the fast path is the fused kernel behind
 * {@link Pointwise#chainRule}). The derivatives are those of {@link UnaryOp#derivative}, including
 * the choice at kinks (relu's and leaky relu's slope at 0 is the left one).
 */
final class UnaryDerivatives {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final float GELU_TANH_CUBIC = 0.044715f;

    private UnaryDerivatives() {
    }

    /** {@code gradient · op'(x)} as a graph, where y = op(x) is the op's (recorded) output. */
    static Tensor chainRule(UnaryOp op, float param, Tensor x, Tensor y, Tensor gradient) {
        return gradient.mul(derivative(op, param, x, y));
    }

    /**
     * {@code gradient · activation'(z)} for a fused op whose recorded output is {@code result}:
     * from the output alone where the activation allows it, else from the pre-activation z,
     * recomputed as a graph by {@code preActivation}.
     */
    static Tensor activationChainRule(ActivationFunction activation, Tensor result, Supplier<Tensor> preActivation,
                                      Tensor gradient) {
        if (activation.op() == null) {
            return gradient;
        }
        Tensor z = activation.derivativeFromOutput() ? result : preActivation.get();
        return chainRule(activation.op(), activation.parameter(), z, result, gradient);
    }

    private static Tensor derivative(UnaryOp op, float param, Tensor x, Tensor y) {
        return switch (op) {
            case NEG -> Tensor.scalar(-1f);
            case ABS -> x.sign();
            case SQRT -> y.mul(2f).pow(-1f);
            case EXP -> y;
            case LOG -> x.pow(-1f);
            case LOG1P -> x.add(1f).pow(-1f);
            case SIN -> x.cos();
            case COS -> x.sin().neg();
            case TANH -> y.mul(y).neg().add(1f);
            case SIGMOID -> y.mul(y.neg().add(1f));
            case RELU -> x.gt(0f);
            case LEAKY_RELU -> x.gt(0f).mul(1f - param).add(param);
            case ELU -> Tensor.where(x.gt(0f), Tensor.scalar(1f), y.add(param));
            case GELU -> x.mul((float) (1 / Math.sqrt(2))).erf().add(1f).mul(0.5f)
                    .add(x.mul(x.mul(x).mul(-0.5f).exp()).mul((float) (1 / Math.sqrt(2 * Math.PI))));
            case GELU_TANH -> {
                Tensor t = x.add(x.pow(3f).mul(GELU_TANH_CUBIC)).mul(SQRT_2_OVER_PI).tanh();
                Tensor inner = x.mul(x).mul(3f * GELU_TANH_CUBIC).add(1f).mul(SQRT_2_OVER_PI);
                yield t.add(1f).mul(0.5f).add(x.mul(0.5f).mul(t.mul(t).neg().add(1f)).mul(inner));
            }
            case SILU -> {
                Tensor s = x.sigmoid();
                yield s.mul(x.mul(s.neg().add(1f)).add(1f));
            }
            case SOFTPLUS -> Tensor.where(x.mul(param).gt(20f), Tensor.scalar(1f), x.mul(param).sigmoid());
            case POW_SCALAR -> param == 0f ? Tensor.scalar(0f) : x.pow(param - 1f).mul(param);
            case SIGN -> Tensor.scalar(0f);
            case ERF -> x.mul(x).neg().exp().mul((float) (2 / Math.sqrt(Math.PI)));
        };
    }
}
