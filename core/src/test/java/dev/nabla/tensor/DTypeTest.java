package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ops on bfloat16 and float16 tensors: computed in float32 and rounded once, so each result is
 * bit for bit the float32 op on the widened inputs rounded to the half dtype; dtypes promote as
 * in PyTorch; gradients flow through {@link Tensor#to} and have their tensor's dtype.
 */
class DTypeTest {

    private static final Generator GEN = new Generator(11);

    /** The float32 op on the half inputs' values, rounded to {@code half}. */
    private static float[] reference(DType half, UnaryOperator<Tensor> op, Tensor x) {
        return op.apply(x.to(DType.FLOAT32)).to(half).toFloatArray();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void unaryOpsAreFloat32RoundedOnce(DType half) {
        Tensor x = Tensor.uniform(GEN, 0.1f, 3f, 3, 17).to(half);
        for (UnaryOperator<Tensor> op : java.util.List.<UnaryOperator<Tensor>>of(Tensor::exp, Tensor::log,
                Tensor::tanh, Tensor::relu, Tensor::sigmoid, Tensor::gelu, Tensor::sqrt, t -> t.softmax(-1),
                t -> t.logSoftmax(0), t -> t.sum(1, false), t -> t.mean(0, true), t -> t.max(1, false),
                t -> t.clamp(0.5f, 2f), t -> t.pad(1, 1), t -> t.mul(3f))) {
            Tensor y = op.apply(x);
            assertEquals(half, y.dtype());
            assertArrayEquals(reference(half, op, x), y.toFloatArray(), y.gradFunction() + " of " + x);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void binaryOpsAreFloat32RoundedOnce(DType half) {
        Tensor a = Tensor.uniform(GEN, -2f, 2f, 4, 1, 6).to(half);
        Tensor b = Tensor.uniform(GEN, 0.5f, 2f, 3, 6).to(half);
        for (BinaryOperator<Tensor> op : java.util.List.<BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub,
                Tensor::mul, Tensor::div, Tensor::maximum, Tensor::gt, (p, q) -> Tensor.where(p.gt(0f), p, q))) {
            Tensor y = op.apply(a, b);
            assertEquals(half, y.dtype());
            float[] expected = op.apply(a.to(DType.FLOAT32), b.to(DType.FLOAT32)).to(half).toFloatArray();
            assertArrayEquals(expected, y.toFloatArray(), String.valueOf(y.gradFunction()));
        }
    }

    @Test
    void dtypesPromoteAsInPyTorch() {
        Tensor bf = Tensor.ones(2, 2).to(DType.BFLOAT16);
        Tensor fp = Tensor.ones(2, 2).to(DType.FLOAT16);
        Tensor single = Tensor.ones(2, 2);
        Tensor labels = Tensor.ones(2, 2).to(DType.INT32);
        assertEquals(DType.BFLOAT16, bf.add(bf).dtype());
        assertEquals(DType.FLOAT32, bf.add(single).dtype());
        assertEquals(DType.FLOAT32, single.mul(fp).dtype());
        assertEquals(DType.FLOAT32, bf.add(fp).dtype());
        assertEquals(DType.BFLOAT16, bf.add(labels).dtype());
        assertEquals(DType.BFLOAT16, bf.mul(Tensor.scalar(0.5f)).dtype()); // a 0-d tensor does not widen
        assertEquals(DType.FLOAT32, bf.sum().add(Tensor.scalar(1f)).dtype()); // two 0-d tensors: the wider
        assertEquals(DType.FLOAT32, labels.add(labels).dtype());
        assertEquals(DType.BFLOAT16, Tensor.concat(0, bf, bf).dtype());
        assertEquals(DType.FLOAT32, Tensor.concat(0, bf, single).dtype());
        assertEquals(DType.INT32, bf.argmax().dtype());
    }

    @Test
    void theGradientFlowsThroughAConversionInTheSourceDtype() {
        Tensor x = Tensor.of(0.5f, -1.25f, 3f).requiresGrad(true);
        Tensor y = x.to(DType.BFLOAT16).mul(Tensor.of(2f, 4f, 8f).to(DType.BFLOAT16)).sum();
        assertEquals(DType.BFLOAT16, y.dtype());
        y.backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {2f, 4f, 8f}, x.grad().toFloatArray());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void conversionPassesAGradientCheck(DType half) {
        // Inputs and steps of 2⁻⁷ stay exactly representable, and the weights are powers of two, so
        // the finite differences are exact; the tolerance covers the seed gradient's own rounding.
        Tensor x = Tensor.of(1.25f, 1.5f, 1.75f).requiresGrad(true);
        Tensor weights = Tensor.of(2f, 0.5f, 4f).to(half);
        new GradCheck(0x1p-7, 1e-2, 1e-3).assertPasses(in -> in[0].to(half).mul(weights).to(DType.FLOAT32), x);
    }

    @Test
    void aHalfLeafGetsAGradientOfItsOwnDtype() {
        Tensor w = Tensor.uniform(GEN, -1f, 1f, 3, 4).to(DType.BFLOAT16).requiresGrad(true);
        Tensor x = Tensor.uniform(GEN, -1f, 1f, 2, 4);
        x.matmul(w.transpose(0, 1)).relu().sum().backward();
        assertEquals(DType.BFLOAT16, w.grad().dtype());
        assertEquals(w.shape(), w.grad().shape());
    }

    @Test
    void aDenseLayerTrainsInBfloat16LikeInFloat32() {
        Tensor x = Tensor.uniform(GEN, -1f, 1f, 8, 16);
        Tensor w = Tensor.uniform(GEN, -0.5f, 0.5f, 4, 16);
        Tensor b = Tensor.uniform(GEN, -0.5f, 0.5f, 4);
        Tensor[] single = denseGradients(x, w, b);
        Tensor[] half = denseGradients(x.to(DType.BFLOAT16), w.to(DType.BFLOAT16), b.to(DType.BFLOAT16));
        for (int i = 0; i < single.length; i++) {
            assertEquals(DType.BFLOAT16, half[i].dtype());
            // Gradients of a 16-term layer: a few bfloat16 roundings of values of order 1.
            assertArrayEquals(single[i].toFloatArray(), half[i].toFloatArray(), 0.08f, "gradient " + i);
        }
    }

    private static Tensor[] denseGradients(Tensor x, Tensor w, Tensor b) {
        Tensor[] leaves = {x.detach().requiresGrad(true), w.detach().requiresGrad(true), b.detach().requiresGrad(true)};
        Linear.linear(leaves[0], leaves[1], leaves[2], ActivationFunction.TANH).pow(2f).mean().backward();
        return new Tensor[] {leaves[0].grad(), leaves[1].grad(), leaves[2].grad()};
    }
}
