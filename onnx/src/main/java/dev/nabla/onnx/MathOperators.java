package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** Elementwise operators: arithmetic with broadcasting, comparisons, logic and activations. */
final class MathOperators {

    private MathOperators() {
    }

    static void registerAll() {
        unary("Abs", Tensor::abs);
        unary("Neg", Tensor::neg);
        unary("Sqrt", Tensor::sqrt);
        unary("Exp", Tensor::exp);
        unary("Log", Tensor::log);
        unary("Sin", Tensor::sin);
        unary("Cos", Tensor::cos);
        unary("Tanh", Tensor::tanh);
        unary("Erf", Tensor::erf);
        unary("Sigmoid", Tensor::sigmoid);
        unary("Relu", Tensor::relu);
        unary("Sign", Tensor::sign);
        unary("Reciprocal", x -> Tensor.scalar(1f).div(x));
        unary("Softplus", x -> x.softplus(1f));
        unary("Softsign", x -> x.div(x.abs().add(1f)));
        unary("Identity", x -> x);
        rounding("Floor", Math::floor);
        rounding("Ceil", Math::ceil);
        rounding("Round", Math::rint);
        Operators.register("Elu", (n, in) -> out(required(n, in, 0), x -> x.elu(n.real("alpha", 1f))));
        Operators.register("LeakyRelu", (n, in) -> out(required(n, in, 0),
                x -> x.leakyRelu(n.real("alpha", 0.01f))));
        Operators.register("Selu", (n, in) -> out(required(n, in, 0), x -> x.elu(n.real("alpha", 1.67326319217681884765625f))
                .mul(n.real("gamma", 1.05070102214813232421875f))));
        Operators.register("Celu", (n, in) -> out(required(n, in, 0), x -> {
            float alpha = n.real("alpha", 1f);
            return x.div(alpha).elu(1f).mul(alpha);
        }));
        Operators.register("HardSigmoid", (n, in) -> out(required(n, in, 0),
                x -> x.mul(n.real("alpha", 0.2f)).add(n.real("beta", 0.5f)).clamp(0f, 1f)));
        Operators.register("HardSwish", (n, in) -> out(required(n, in, 0),
                x -> x.mul(x.div(6f).add(0.5f).clamp(0f, 1f))));
        Operators.register("ThresholdedRelu", (n, in) -> out(required(n, in, 0),
                x -> Tensor.where(x.gt(n.real("alpha", 1f)), x, Tensor.scalar(0f))));
        Operators.register("PRelu", (n, in) -> {
            Tensor x = required(n, in, 0).tensor();
            Tensor slope = required(n, in, 1).tensor();
            if (slope.rank() == 1 && x.rank() > 2 && slope.dim(0) == x.dim(1) && slope.dim(0) != x.dim(-1)) {
                // Opsets before 7 broadcast a 1-d slope over the channels, which PyTorch's old exports rely on.
                int[] perChannel = new int[x.rank() - 1];
                java.util.Arrays.fill(perChannel, 1);
                perChannel[0] = slope.dim(0);
                slope = slope.reshape(perChannel);
            }
            Tensor positive = x.relu();
            return List.of(Value.of(positive.add(x.sub(positive).mul(slope))));
        });
        Operators.register("Clip", MathOperators::clip);
        arithmetic("Add", Tensor::add);
        arithmetic("Sub", Tensor::sub);
        arithmetic("Mul", Tensor::mul);
        arithmetic("Div", Tensor::div);
        Operators.register("Pow", (n, in) -> {
            Value base = required(n, in, 0);
            Tensor y = base.tensor().pow(required(n, in, 1).tensor());
            return List.of(base.isInteger() ? new Value(y, Value.FLOAT).castTo(base.type()) : new Value(y, base.type()));
        });
        variadic("Max", Tensor::maximum, false);
        variadic("Min", Tensor::minimum, false);
        variadic("Sum", Tensor::add, false);
        variadic("Mean", Tensor::add, true);
        comparison("Equal", Tensor::eq);
        comparison("Less", Tensor::lt);
        comparison("LessOrEqual", Tensor::le);
        comparison("Greater", Tensor::gt);
        comparison("GreaterOrEqual", Tensor::ge);
        comparison("And", Tensor::mul);
        comparison("Or", (a, b) -> a.add(b).gt(Tensor.scalar(0f)));
        comparison("Xor", Tensor::ne);
        Operators.register("Not", (n, in) -> List.of(new Value(required(n, in, 0).tensor().eq(0f), Value.BOOL)));
        Operators.register("Where", (n, in) -> {
            Value a = required(n, in, 1);
            return List.of(new Value(Tensor.where(required(n, in, 0).tensor(), a.tensor(),
                    required(n, in, 2).tensor()), a.type()));
        });
    }

    private static List<Value> out(Value x, UnaryOperator<Tensor> f) {
        return List.of(new Value(f.apply(x.tensor()), x.type()));
    }

    private static void unary(String opType, UnaryOperator<Tensor> f) {
        Operators.register(opType, (n, in) -> out(required(n, in, 0), f));
    }

    /** A step function: no gradient, as in PyTorch. */
    private static void rounding(String opType, DoubleUnaryOperator f) {
        Operators.register(opType, (n, in) -> {
            Value x = required(n, in, 0);
            float[] data = x.tensor().toFloatArray();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) f.applyAsDouble(data[i]);
            }
            return List.of(new Value(Tensor.of(data, x.tensor().shape().toArray()), x.type()));
        });
    }

    /** Broadcasting arithmetic; integer division truncates toward zero, as ONNX's integer Div does. */
    private static void arithmetic(String opType, BinaryOperator<Tensor> f) {
        Operators.register(opType, (n, in) -> {
            Value a = required(n, in, 0);
            Tensor y = f.apply(a.tensor(), required(n, in, 1).tensor());
            return List.of(a.isInteger() ? new Value(y, Value.FLOAT).castTo(a.type()) : new Value(y, a.type()));
        });
    }

    private static void variadic(String opType, BinaryOperator<Tensor> f, boolean average) {
        Operators.register(opType, (n, in) -> {
            Value first = required(n, in, 0);
            Tensor y = first.tensor();
            for (int i = 1; i < in.size(); i++) {
                y = f.apply(y, required(n, in, i).tensor());
            }
            return List.of(new Value(average ? y.div(in.size()) : y, first.type()));
        });
    }

    private static void comparison(String opType, BinaryOperator<Tensor> f) {
        Operators.register(opType, (n, in) -> {
            try (NoGrad ignored = NoGrad.enter()) {
                return List.of(new Value(f.apply(required(n, in, 0).tensor(), required(n, in, 1).tensor()),
                        Value.BOOL));
            }
        });
    }

    /** Clip: bounds as attributes before opset 11, as optional inputs since. */
    private static List<Value> clip(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        Tensor y = x.tensor();
        Value low = optional(in, 1);
        Value high = optional(in, 2);
        if (n.has("min") || n.has("max")) {
            y = y.clamp(n.real("min", Float.NEGATIVE_INFINITY), n.real("max", Float.POSITIVE_INFINITY));
        }
        if (low != null) {
            y = y.maximum(low.tensor());
        }
        if (high != null) {
            y = y.minimum(high.tensor());
        }
        return List.of(new Value(y, x.type()));
    }
}
