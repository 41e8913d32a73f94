package dev.nabla.tensor;

import static dev.nabla.tensor.TestTensors.leaf;
import static dev.nabla.tensor.TestTensors.leafAvoiding;
import static dev.nabla.tensor.TestTensors.leafAwayFromZero;
import static dev.nabla.tensor.TestTensors.leafWithFraction;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient checks of the elementwise ops, and closed-form gradients of small expressions. */
class PointwiseGradientTest {

    private final Generator gen = new Generator(7);

    /** How an op's test inputs are drawn: values where the op is smooth. */
    private interface Domain extends BiFunction<Generator, int[], Tensor> {
    }

    private static final Domain ANY = (g, shape) -> leaf(g, -2f, 2f, shape);
    private static final Domain WIDE = (g, shape) -> leaf(g, -4f, 4f, shape);
    private static final Domain POSITIVE = (g, shape) -> leaf(g, 0.3f, 3f, shape);
    private static final Domain NONZERO = (g, shape) -> leafAwayFromZero(g, TestTensors.MARGIN, 2f, shape);
    private static final Domain DIVISOR = (g, shape) -> leafAwayFromZero(g, 0.5f, 2f, shape);
    /** Fractions in [0.05, 0.45) and [0.55, 0.95): maximum and minimum never see a tie. */
    private static final Domain LOW_FRACTION = (g, shape) -> leafWithFraction(g, 0.05f, 0.45f, shape);
    private static final Domain HIGH_FRACTION = (g, shape) -> leafWithFraction(g, 0.55f, 0.95f, shape);

    enum Unary {
        NEG(Tensor::neg, ANY),
        ABS(Tensor::abs, NONZERO),
        SQRT(Tensor::sqrt, POSITIVE),
        EXP(Tensor::exp, ANY),
        LOG(Tensor::log, POSITIVE),
        LOG1P(Tensor::log1p, (g, shape) -> leaf(g, -0.6f, 3f, shape)),
        SIN(Tensor::sin, WIDE),
        COS(Tensor::cos, WIDE),
        TANH(Tensor::tanh, ANY),
        SIGMOID(Tensor::sigmoid, WIDE),
        ERF(Tensor::erf, ANY),
        RELU(Tensor::relu, NONZERO),
        LEAKY_RELU(x -> x.leakyRelu(0.1f), NONZERO),
        ELU(x -> x.elu(1.5f), NONZERO),
        GELU(Tensor::gelu, WIDE),
        GELU_TANH(Tensor::geluTanh, WIDE),
        SILU(Tensor::silu, WIDE),
        SOFTPLUS(Tensor::softplus, WIDE),
        SOFTPLUS_BETA(x -> x.softplus(2f), ANY),
        /** Beta 10 is linear above x = 2 (beta·x > 20): both branches, away from the switch. */
        SOFTPLUS_LINEAR_TAIL(x -> x.softplus(10f), (g, shape) -> leafAvoiding(new float[] {2f}, g, -1f, 3f, shape)),
        CLAMP(x -> x.clamp(-0.5f, 0.8f), (g, shape) -> leafAvoiding(new float[] {-0.5f, 0.8f}, g, -2f, 2f, shape)),
        POW_SQUARE(x -> x.pow(2f), ANY),
        POW_CUBE(x -> x.pow(3f), ANY),
        POW_HALF(x -> x.pow(0.5f), POSITIVE),
        POW_NEGATIVE(x -> x.pow(-1.5f), POSITIVE),
        SCALAR_ARITHMETIC(x -> x.mul(3f).sub(1f).div(-2f).add(0.5f), ANY);

        final UnaryOperator<Tensor> op;
        final Domain domain;

        Unary(UnaryOperator<Tensor> op, Domain domain) {
            this.op = op;
            this.domain = domain;
        }
    }

    enum Binary {
        ADD(Tensor::add, ANY, ANY),
        SUB(Tensor::sub, ANY, ANY),
        MUL(Tensor::mul, ANY, ANY),
        DIV(Tensor::div, ANY, DIVISOR),
        POW(Tensor::pow, POSITIVE, ANY),
        MAXIMUM(Tensor::maximum, LOW_FRACTION, HIGH_FRACTION),
        MINIMUM(Tensor::minimum, LOW_FRACTION, HIGH_FRACTION);

        final BinaryOperator<Tensor> op;
        final Domain left;
        final Domain right;

        Binary(BinaryOperator<Tensor> op, Domain left, Domain right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }
    }

    // 21 elements: a whole SIMD vector plus a scalar tail.
    @ParameterizedTest
    @EnumSource(Unary.class)
    void unaryOp(Unary unary) {
        GradCheck.assertGradients(in -> unary.op.apply(in[0]), unary.domain.apply(gen, new int[] {3, 7}));
    }

    @ParameterizedTest
    @EnumSource(Unary.class)
    void unaryOpOfTransposedInput(Unary unary) {
        Tensor x = unary.domain.apply(gen, new int[] {7, 3});
        GradCheck.assertGradients(in -> unary.op.apply(in[0].transpose(0, 1)), x);
    }

    static Stream<Arguments> binaryCases() {
        int[][][] shapes = {
            {{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{4}, {3, 4}}, {{2, 1, 4}, {3, 1}}, {{3, 4}, {}}, {{}, {3, 4}}};
        return Arrays.stream(Binary.values())
                .flatMap(op -> Arrays.stream(shapes).map(s -> arguments(op, s[0], s[1])));
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("binaryCases")
    void binaryOp(Binary binary, int[] leftShape, int[] rightShape) {
        Tensor a = binary.left.apply(gen, leftShape);
        Tensor b = binary.right.apply(gen, rightShape);
        GradCheck.assertGradients(in -> binary.op.apply(in[0], in[1]), a, b);
    }

    @ParameterizedTest
    @EnumSource(Binary.class)
    void binaryOpOfStridedInputs(Binary binary) {
        Tensor a = binary.left.apply(gen, new int[] {4, 3});
        Tensor b = binary.right.apply(gen, new int[] {3, 8});
        GradCheck.assertGradients(in -> binary.op.apply(in[0].transpose(0, 1), in[1].slice(1, 0, 8, 2)), a, b);
    }

    /** Long enough to be cut into chunks that run on several threads. */
    @Test
    void unaryBackwardOverManyChunks() {
        Tensor x = leaf(gen, -2f, 2f, 3 * Pointwise.GRAIN + 5);
        x.exp().sum().backward();
        assertArrayEquals(x.detach().exp().toFloatArray(), x.grad().toFloatArray(), 0f);
    }

    @Test
    void whereRoutesGradientsToTheChosenSide() {
        Tensor condition = Tensor.bernoulli(gen, 0.5f, 3, 4);
        GradCheck.assertGradients(in -> Tensor.where(condition, in[0], in[1]),
                leaf(gen, -2f, 2f, 3, 4), leaf(gen, -2f, 2f, 3, 4));
        GradCheck.assertGradients(in -> Tensor.where(condition, in[0], in[1]),
                leaf(gen, -2f, 2f, 4), leaf(gen, -2f, 2f, 2, 3, 1));
        GradCheck.assertGradients(in -> Tensor.where(condition.slice(1, 0, 1), in[0].transpose(0, 1), in[1]),
                leaf(gen, -2f, 2f, 4, 3), leaf(gen, -2f, 2f, 3, 4));
    }

    @Test
    void polynomialHasItsTextbookDerivative() {
        Tensor x = Tensor.of(-3f, -1f, 0f, 0.5f, 2f).requiresGrad(true);
        x.pow(2f).add(x.mul(5f)).add(4f).sum().backward();
        assertValues(x.grad(), -1f, 3f, 5f, 6f, 9f); // 2x + 5
    }

    @Test
    void fanOutAddsTheGradientsOfEveryUse() {
        Tensor x = Tensor.of(-1f, 0f, 2f).requiresGrad(true);
        x.mul(x).add(x).sum().backward();
        assertValues(x.grad(), -1f, 1f, 5f); // 2x + 1

        Tensor z = Tensor.of(0.5f, 1f).requiresGrad(true);
        Tensor shared = z.mul(3f);
        shared.sin().add(shared.mul(shared)).sum().backward();
        // d/dz [sin(3z) + 9z²] = 3cos(3z) + 18z
        assertValues(z.grad(), (float) (3 * Math.cos(1.5) + 9), (float) (3 * Math.cos(3) + 18));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.of(1f, -2f, 3f).requiresGrad(true);
        x.mul(2f).sum().backward();
        x.mul(x).sum().backward();
        assertValues(x.grad(), 4f, -2f, 8f); // 2 + 2x

        x.zeroGrad();
        Tensor y = x.exp().sum();
        y.backward(Tensor.scalar(1f), true);
        y.backward(Tensor.scalar(1f), true);
        assertArrayEquals(x.exp().mul(2f).toFloatArray(), x.grad().toFloatArray(), 1e-5f);
    }

    static void assertValues(Tensor actual, float... expected) {
        assertArrayEquals(expected, actual.toFloatArray(), 1e-5f, "values of " + actual);
    }
}
