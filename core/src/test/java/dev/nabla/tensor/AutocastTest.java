package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Autocast: the products take their float32 operands in the half dtype; gradients reach float32 leaves in float32. */
class AutocastTest {

    private final Generator generator = new Generator(11);

    @Test
    void linearUnderAutocastEqualsLinearOnCastOperandsAndGivesHalfOutputs() {
        Tensor x = Tensor.randn(generator, 4, 6);
        Tensor w = Tensor.randn(generator, 3, 6).requiresGrad(true);
        Tensor b = Tensor.randn(generator, 3).requiresGrad(true);
        Tensor explicit = Linear.linear(x.to(DType.BFLOAT16), w.to(DType.BFLOAT16), b.to(DType.BFLOAT16),
                ActivationFunction.RELU);
        Tensor cast;
        try (Autocast ignored = Autocast.enter(DType.BFLOAT16)) {
            cast = Linear.linear(x, w, b, ActivationFunction.RELU);
        }
        assertEquals(DType.BFLOAT16, cast.dtype());
        assertArrayEquals(explicit.toFloatArray(), cast.toFloatArray());
        cast.sum().backward();
        assertEquals(DType.FLOAT32, w.grad().dtype(), "the float32 weight gets a float32 gradient");
        assertEquals(DType.FLOAT32, b.grad().dtype());
    }

    @Test
    void convolutionAndMatmulAreCastToo() {
        Tensor images = Tensor.randn(generator, 2, 3, 8, 8);
        Tensor kernel = Tensor.randn(generator, 4, 3, 3, 3);
        Tensor a = Tensor.randn(generator, 5, 7);
        Tensor c = Tensor.randn(generator, 7, 2);
        try (Autocast ignored = Autocast.enter(DType.FLOAT16)) {
            Tensor convolved = Convolution.conv2d(images, kernel, null);
            assertEquals(DType.FLOAT16, convolved.dtype());
            assertArrayEquals(Convolution.conv2d(images.to(DType.FLOAT16), kernel.to(DType.FLOAT16), null)
                    .toFloatArray(), convolved.toFloatArray());
            assertEquals(DType.FLOAT16, a.matmul(c).dtype());
            assertEquals(DType.FLOAT16, a.matmul(c).relu().dtype(), "ops after a product keep its half dtype");
            assertEquals(DType.FLOAT32, a.add(1f).dtype(), "other ops on float32 stay float32");
        }
        assertEquals(DType.FLOAT32, a.matmul(c).dtype(), "outside the scope nothing is cast");
    }

    @Test
    void scopesNestAndFloat32TurnsCastingOff() {
        Tensor a = Tensor.randn(generator, 2, 2);
        try (Autocast outer = Autocast.enter(DType.BFLOAT16)) {
            try (Autocast inner = Autocast.enter(DType.FLOAT32)) {
                assertEquals(DType.FLOAT32, a.matmul(a).dtype());
            }
            assertEquals(DType.BFLOAT16, Autocast.computeDtype());
            assertEquals(DType.BFLOAT16, a.matmul(a).dtype());
        }
        assertSame(DType.FLOAT32, Autocast.computeDtype());
        assertThrows(IllegalArgumentException.class, () -> Autocast.enter(DType.INT32));
    }

    @Test
    void gradientsThroughAnAutocastProductMatchThoseOfTheExplicitCasts() {
        Tensor x = Tensor.randn(generator, 3, 5).requiresGrad(true);
        Tensor w = Tensor.randn(generator, 5, 4).requiresGrad(true);
        Tensor x2 = Tensor.of(x.toFloatArray(), 3, 5).requiresGrad(true);
        Tensor w2 = Tensor.of(w.toFloatArray(), 5, 4).requiresGrad(true);
        try (Autocast ignored = Autocast.enter(DType.BFLOAT16)) {
            x.matmul(w).to(DType.FLOAT32).pow(2f).sum().backward();
        }
        x2.to(DType.BFLOAT16).matmul(w2.to(DType.BFLOAT16)).to(DType.FLOAT32).pow(2f).sum().backward();
        assertArrayEquals(x2.grad().toFloatArray(), x.grad().toFloatArray());
        assertArrayEquals(w2.grad().toFloatArray(), w.grad().toFloatArray());
    }

    @Test
    void softmaxComputesInFloat32SoThatItsRowsSumToOne() {
        Tensor logits = Tensor.randn(generator, 4, 10).mul(3f);
        try (Autocast ignored = Autocast.enter(DType.BFLOAT16)) {
            Tensor half = logits.matmul(Tensor.eye(10));
            Tensor probabilities = half.softmax(1);
            assertEquals(DType.FLOAT32, probabilities.dtype());
            assertEquals(DType.FLOAT32, half.logSoftmax(1).dtype());
            assertArrayEquals(half.to(DType.FLOAT32).softmax(1).toFloatArray(), probabilities.toFloatArray());
        }
        assertEquals(DType.BFLOAT16, logits.to(DType.BFLOAT16).softmax(1).dtype(), "outside a scope a half stays half");
    }
}
