package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Matrix products and convolutions of bfloat16 and float16 tensors against float32.
 *
 * <p>The bound. With unit roundoff u (2⁻⁸ for bfloat16, 2⁻¹¹ for float16), each operand is
 * off by at most u relative, so each product a·b by at most (2u + u²)·|a·b|; the half GEMM
 * then accumulates the K products in float32 (at most K·2⁻²⁴ relative to Σ|a·b| for either
 * side's accumulation, γ_K) and rounds the result once (u·|c|). Hence, elementwise and in
 * the worst case,
 * <pre>
 *   |half − single| ≤ (2.1·u + 2·K·2⁻²⁴) · (|A|·|B|) + u · |single|
 * </pre>
 * where |A|·|B| is the product of absolute values (for a convolution: the convolution of |x|
 * by |w|, plus |bias|). Random signs make the typical error about √K times smaller; the test
 * checks the worst case, which always holds. With one operand in half precision and a float32
 * result, the first term is (1.1·u + 2·K·2⁻²⁴) and there is no final rounding.
 */
class StorageGemmTest {

    private static void assertWithinBound(Tensor half, Tensor single, Tensor magnitudes, int depth, float operandFactor,
                                          float resultRounding, String what) {
        assertEquals(single.shape(), half.shape(), what);
        float[] h = half.toFloatArray();
        float[] s = single.toFloatArray();
        float[] m = magnitudes.toFloatArray();
        double accumulation = 2.0 * depth * 0x1p-24;
        for (int i = 0; i < h.length; i++) {
            double bound = (operandFactor + accumulation) * m[i] + resultRounding * Math.abs(s[i]);
            if (!(Math.abs((double) h[i] - s[i]) <= bound)) {
                fail(what + ": element " + i + " is " + h[i] + ", float32 gives " + s[i] + ", bound " + bound);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void matmulIsWithinHalfRoundingOfFloat32(DType half) {
        float u = half.halfPrecision().unitRoundoff();
        Generator gen = new Generator(5);
        for (int[] mnk : new int[][] {{1, 40, 300}, {33, 45, 70}, {130, 70, 129}, {4, 1, 17}}) {
            Tensor a = Tensor.randn(gen, mnk[0], mnk[2]);
            Tensor b = Tensor.randn(gen, mnk[2], mnk[1]);
            Tensor product = a.to(half).matmul(b.to(half));
            assertEquals(half, product.dtype());
            assertWithinBound(product, a.matmul(b), a.abs().matmul(b.abs()), mnk[2], 2.1f * u, u,
                    half + " " + java.util.Arrays.toString(mnk));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void matmulWithHalfWeightsAndFloat32InputsGivesFloat32(DType half) {
        float u = half.halfPrecision().unitRoundoff();
        Generator gen = new Generator(6);
        Tensor x = Tensor.randn(gen, 3, 7, 50);
        Tensor w = Tensor.randn(gen, 20, 50);
        Tensor y = x.matmul(w.to(half).transpose(0, 1));
        assertEquals(DType.FLOAT32, y.dtype());
        assertWithinBound(y, x.matmul(w.transpose(0, 1)), x.abs().matmul(w.abs().transpose(0, 1)), 50, 1.1f * u, 0f,
                half + " weights");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void matmulGradientsAreHalfAndWithinTheBound(DType half) {
        float u = half.halfPrecision().unitRoundoff();
        Generator gen = new Generator(7);
        Tensor a = Tensor.randn(gen, 9, 40);
        Tensor b = Tensor.randn(gen, 40, 12);
        Tensor g = Tensor.randn(gen, 9, 12);
        Tensor ah = a.to(half).requiresGrad(true);
        Tensor bh = b.to(half).requiresGrad(true);
        ah.matmul(bh).backward(g.to(half));
        assertEquals(half, ah.grad().dtype());
        assertEquals(half, bh.grad().dtype());
        // dA = G·Bᵀ over 12 terms, dB = Aᵀ·G over 9, with G rounded too.
        assertWithinBound(ah.grad(), g.matmul(b.transpose(0, 1)), g.abs().matmul(b.abs().transpose(0, 1)), 12,
                2.1f * u, u, "dA");
        assertWithinBound(bh.grad(), a.transpose(0, 1).matmul(g), a.abs().transpose(0, 1).matmul(g.abs()), 9,
                2.1f * u, u, "dB");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void conv2dIsWithinHalfRoundingOfFloat32(DType half) {
        float u = half.halfPrecision().unitRoundoff();
        Generator gen = new Generator(8);
        Tensor x = Tensor.randn(gen, 2, 3, 9, 11);
        Tensor w = Tensor.randn(gen, 4, 3, 3, 3);
        Tensor bias = Tensor.randn(gen, 4);
        ConvolutionOptions options = ConvolutionOptions.defaults().padding(1).stride(2);
        Tensor single = Convolution.conv2d(x, w, bias, options);
        Tensor magnitudes = Convolution.conv2d(x.abs(), w.abs(), bias.abs(), options);
        Tensor y = Convolution.conv2d(x.to(half), w.to(half), bias.to(half), options);
        assertEquals(half, y.dtype());
        assertWithinBound(y, single, magnitudes, 28, 2.1f * u, u, half + " conv2d");
        Tensor mixed = Convolution.conv2d(x, w.to(half), bias, options);
        assertEquals(DType.FLOAT32, mixed.dtype());
        assertWithinBound(mixed, single, magnitudes, 28, 1.1f * u, 0f, half + " weights, float32 input");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"BFLOAT16", "FLOAT16"})
    void conv2dGradientsHaveTheirTensorsDtype(DType half) {
        Generator gen = new Generator(9);
        Tensor x = Tensor.randn(gen, 2, 3, 6, 6).to(half).requiresGrad(true);
        Tensor w = Tensor.randn(gen, 5, 3, 3, 3).to(half).requiresGrad(true);
        Tensor b = Tensor.randn(gen, 5).to(half).requiresGrad(true);
        Convolution.conv2d(x, w, b, ConvolutionOptions.defaults(), ActivationFunction.RELU).sum().backward();
        assertEquals(half, x.grad().dtype());
        assertEquals(half, w.grad().dtype());
        assertEquals(half, b.grad().dtype());
    }
}
