package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.kernels.Parallel;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvolutionTest {

    /** One convolution call under test; bias may be null. */
    @FunctionalInterface
    interface Call {
        Tensor apply(Tensor input, Tensor weight, Tensor bias);
    }

    private static ConvolutionOptions options() {
        return ConvolutionOptions.defaults();
    }

    // ---------------------------------------------------------------- against PyTorch

    @Test
    void conv2dMatchesPyTorch() {
        matchesPyTorch("conv2d_basic", Convolution::conv2d);
        matchesPyTorch("conv2d_stride2_padding1", (x, w, b) -> Convolution.conv2d(x, w, b, options().stride(2).padding(1)));
        matchesPyTorch("conv2d_rectangular", (x, w, b) -> Convolution.conv2d(x, w, b,
                options().stride(2, 1).padding(1, 0).dilation(1, 2)));
        matchesPyTorch("conv2d_dilation2", (x, w, b) -> Convolution.conv2d(x, w, b, options().padding(2).dilation(2)));
        matchesPyTorch("conv2d_groups2", (x, w, b) -> Convolution.conv2d(x, w, b, options().padding(1).groups(2)));
        matchesPyTorch("conv2d_depthwise", (x, w, b) -> Convolution.conv2d(x, w, b, options().stride(2).groups(3)));
        matchesPyTorch("conv2d_pointwise_no_bias", Convolution::conv2d);
        matchesPyTorch("conv2d_unbatched", (x, w, b) -> Convolution.conv2d(x, w, b, options().padding(1)));
    }

    @Test
    void conv2dSamePaddingMatchesPyTorchIncludingTheOddTotal() {
        // Kernel 4 needs 3 rows of padding: PyTorch puts 1 above and 2 below.
        matchesPyTorch("conv2d_same_even_kernel", (x, w, b) -> Convolution.conv2d(x, w, b, options().paddingSame()));
        matchesPyTorch("conv2d_same_dilation", (x, w, b) -> Convolution.conv2d(x, w, b,
                options().paddingSame().dilation(3, 2)));
    }

    @Test
    void conv1dMatchesPyTorch() {
        matchesPyTorch("conv1d_stride2_padding1", (x, w, b) -> Convolution.conv1d(x, w, b, options().stride(2).padding(1)));
        matchesPyTorch("conv1d_same_groups2", (x, w, b) -> Convolution.conv1d(x, w, b, options().paddingSame().groups(2)));
        matchesPyTorch("conv1d_dilation3", (x, w, b) -> Convolution.conv1d(x, w, b, options().dilation(3)));
    }

    @Test
    void convTranspose2dMatchesPyTorch() {
        matchesPyTorch("conv_transpose2d_basic", Convolution::convTranspose2d);
        matchesPyTorch("conv_transpose2d_stride2_output_padding1", (x, w, b) -> Convolution.convTranspose2d(x, w, b,
                options().stride(2).padding(1).outputPadding(1)));
        matchesPyTorch("conv_transpose2d_groups2_dilation2", (x, w, b) -> Convolution.convTranspose2d(x, w, b,
                options().stride(2, 1).padding(1, 0).outputPadding(1, 0).groups(2).dilation(2)));
        matchesPyTorch("conv_transpose2d_output_padding_below_dilation", (x, w, b) -> Convolution.convTranspose2d(x, w, b,
                options().outputPadding(1).dilation(2)));
    }

    private static void matchesPyTorch(String name, Call call) {
        TorchFixture f = TorchFixture.load("convolution", name);
        Tensor x = f.leaf("input");
        Tensor w = f.leaf("weight");
        Tensor b = f.has("bias") ? f.leaf("bias") : null;
        Tensor y = call.apply(x, w, b);
        f.assertForward("output", y);
        y.backward(f.tensor("grad_output"));
        f.assertGradient("grad_input", x.grad());
        f.assertGradient("grad_weight", w.grad());
        if (b != null) {
            f.assertGradient("grad_bias", b.grad());
        }
    }

    // ---------------------------------------------------------------- gradient checks

    @Test
    void conv2dGradients() {
        check(in -> Convolution.conv2d(in[0], in[1], in[2]), leaf(1, 2, 3, 5, 4), leaf(2, 3, 3, 3, 2), leaf(3, 3));
        check(in -> Convolution.conv2d(in[0], in[1], in[2], options().stride(2).padding(1)),
                leaf(4, 2, 2, 5, 6), leaf(5, 3, 2, 3, 3), leaf(6, 3));
        check(in -> Convolution.conv2d(in[0], in[1], in[2], options().paddingSame()),
                leaf(7, 1, 2, 4, 5), leaf(8, 2, 2, 2, 3), leaf(9, 2));
        check(in -> Convolution.conv2d(in[0], in[1], in[2], options().dilation(2).padding(1)),
                leaf(10, 1, 2, 6, 5), leaf(11, 2, 2, 3, 2), leaf(12, 2));
        check(in -> Convolution.conv2d(in[0], in[1], in[2], options().groups(2).padding(1)),
                leaf(13, 2, 4, 4, 4), leaf(14, 4, 2, 3, 3), leaf(15, 4));
        check(in -> Convolution.conv2d(in[0], in[1], in[2], options().groups(3).stride(2, 1)),
                leaf(16, 2, 3, 5, 4), leaf(17, 3, 1, 2, 2), leaf(18, 3));
    }

    @Test
    void conv1dGradients() {
        check(in -> Convolution.conv1d(in[0], in[1], in[2], options().stride(2).padding(1)),
                leaf(20, 2, 3, 7), leaf(21, 2, 3, 3), leaf(22, 2));
        check(in -> Convolution.conv1d(in[0], in[1], in[2], options().paddingSame().dilation(2).groups(2)),
                leaf(23, 1, 4, 6), leaf(24, 2, 2, 2), leaf(25, 2));
    }

    @Test
    void convTranspose2dGradients() {
        check(in -> Convolution.convTranspose2d(in[0], in[1], in[2]), leaf(30, 1, 2, 3, 3), leaf(31, 2, 3, 2, 2), leaf(32, 3));
        check(in -> Convolution.convTranspose2d(in[0], in[1], in[2], options().stride(2).padding(1).outputPadding(1)),
                leaf(33, 2, 2, 3, 2), leaf(34, 2, 3, 3, 3), leaf(35, 3));
        check(in -> Convolution.convTranspose2d(in[0], in[1], in[2], options().groups(2).dilation(2)),
                leaf(36, 1, 4, 3, 3), leaf(37, 4, 1, 2, 2), leaf(38, 2));
    }

    private static void check(Function<Tensor[], Tensor> function, Tensor... inputs) {
        GradCheck.assertGradients(function, inputs);
    }

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape).requiresGrad(true);
    }

    // ---------------------------------------------------------------- fused activation

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void fusedActivationAgreesWithTheConvolutionFollowedByTheActivation(ActivationFunction activation) {
        // Several images per chunk (plane 20): the activation runs chunk by chunk.
        ConvolutionOptions o = options().stride(2).padding(1).groups(2);
        Tensor x = leaf(70, 120, 4, 7, 9);
        Tensor w = leaf(71, 6, 2, 3, 3);
        Tensor b = leaf(72, 6);
        Tensor g = Tensor.randn(new Generator(73), 120, 6, 4, 5);
        Tensor fused = Convolution.conv2d(x, w, b, o, activation);
        fused.backward(g);
        float[][] fusedGradients = {x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray()};
        x.zeroGrad();
        w.zeroGrad();
        b.zeroGrad();
        Tensor reference = activation.apply(Convolution.conv2d(x, w, b, o));
        reference.backward(g);
        boolean exact = activation == ActivationFunction.LINEAR || activation == ActivationFunction.RELU;
        assertArrayEquals(reference.toFloatArray(), fused.toFloatArray(), exact ? 0f : 1e-6f, "forward");
        assertArrayEquals(x.grad().toFloatArray(), fusedGradients[0], exact ? 0f : 1e-5f, "input gradient");
        assertArrayEquals(w.grad().toFloatArray(), fusedGradients[1], exact ? 0f : 1e-4f, "weight gradient");
        assertArrayEquals(b.grad().toFloatArray(), fusedGradients[2], exact ? 0f : 1e-4f, "bias gradient");
    }

    @Test
    void fusedActivationGradients() {
        for (ActivationFunction activation : new ActivationFunction[] {ActivationFunction.TANH,
            ActivationFunction.GELU, ActivationFunction.SOFTPLUS}) {
            check(in -> Convolution.conv2d(in[0], in[1], in[2], options().padding(1), activation),
                    leaf(74, 2, 2, 4, 5), leaf(75, 3, 2, 3, 3), leaf(76, 3));
            check(in -> Convolution.conv1d(in[0], in[1], in[2], options().stride(2), activation),
                    leaf(77, 2, 3, 7), leaf(78, 2, 3, 3), leaf(79, 2));
        }
        assertEquals("conv2d+relu", Convolution.conv2d(leaf(80, 1, 1, 3, 3), leaf(81, 1, 1, 2, 2), null, options(),
                ActivationFunction.RELU).gradFunction());
    }

    // ---------------------------------------------------------------- properties

    @Test
    void convTranspose2dIsTheAdjointOfConv2d() {
        // <conv2d(x, w), y> = <x, convTranspose2d(y, w)> for the same weight and options.
        ConvolutionOptions o = options().stride(2).padding(1).dilation(2).groups(2);
        Tensor x = Tensor.randn(new Generator(40), 2, 4, 9, 8);
        Tensor w = Tensor.randn(new Generator(41), 6, 2, 3, 3);
        Tensor y = Tensor.randn(new Generator(42), 2, 6, 4, 3);
        Tensor forward = Convolution.conv2d(x, w, null, o);
        assertEquals(y.shape(), forward.shape());
        Tensor back = Convolution.convTranspose2d(y, w, null, o.outputPadding(0, 1));
        assertEquals(x.shape(), back.shape());
        assertEquals(forward.mul(y).sum().item(), x.mul(back).sum().item(), 1e-3);
    }

    @Test
    void samePaddingKeepsTheSize() {
        Tensor x = Tensor.randn(new Generator(43), 1, 2, 7, 6);
        Tensor w = Tensor.randn(new Generator(44), 3, 2, 4, 5);
        assertEquals(Shape.of(1, 3, 7, 6), Convolution.conv2d(x, w, null, options().paddingSame().dilation(2)).shape());
    }

    @Test
    void nonContiguousOperandsGiveTheSameResult() {
        Tensor x = Tensor.randn(new Generator(45), 2, 3, 5, 6);
        Tensor w = Tensor.randn(new Generator(46), 4, 3, 3, 3);
        Tensor expected = Convolution.conv2d(x, w, null, options().padding(1));
        Tensor transposedX = x.transpose(2, 3).contiguous().transpose(2, 3);
        Tensor transposedW = w.transpose(0, 1).contiguous().transpose(0, 1);
        assertTrue(!transposedX.isContiguous() && !transposedW.isContiguous());
        assertArrayEquals(expected.toFloatArray(),
                Convolution.conv2d(transposedX, transposedW, null, options().padding(1)).toFloatArray());
    }

    @Test
    void gradientsGoOnlyWhereTheyAreNeeded() {
        Tensor x = Tensor.randn(new Generator(47), 1, 2, 4, 4);
        Tensor w = Tensor.randn(new Generator(48), 3, 2, 3, 3).requiresGrad(true);
        Tensor b = Tensor.zeros(3);
        Convolution.conv2d(x, w, b).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        assertEquals(w.shape(), w.grad().shape());
        assertEquals("conv2d", Convolution.conv2d(x, w, b).gradFunction());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = forwardAndGradients();
            Parallel.setThreads(4);
            float[][] four = forwardAndGradients();
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], four[i]);
            }
            Parallel.setThreads(1);
            float[][] chunkedOne = chunkedForwardAndGradients();
            Parallel.setThreads(2);
            float[][] chunkedTwo = chunkedForwardAndGradients();
            for (int i = 0; i < chunkedOne.length; i++) {
                assertArrayEquals(chunkedOne[i], chunkedTwo[i]);
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void imagesTakenInChunksMatchOneImageAtATime() {
        // 700 images of 4 × 5 outputs: chunks of 51 images (the last one short), 14 chunks in 8
        // partial sums of the weight gradient.
        ConvolutionOptions o = options().stride(2).padding(1).dilation(1, 2).groups(2);
        Tensor x = leaf(54, 700, 4, 7, 9);
        Tensor w = leaf(55, 6, 2, 3, 2);
        Tensor b = leaf(56, 6);
        Tensor gradient = Tensor.randn(new Generator(57), 700, 6, 4, 5);
        Tensor y = Convolution.conv2d(x, w, b, o);
        y.backward(gradient);
        Tensor weightSum = Tensor.zeros(6, 2, 3, 2);
        for (int n = 0; n < 700; n++) {
            Tensor image = x.detach().slice(0, n, n + 1).requiresGrad(true);
            Tensor weight = w.detach().requiresGrad(true);
            Tensor one = Convolution.conv2d(image, weight, b.detach(), o);
            assertTrue(one.allClose(y.slice(0, n, n + 1), 1e-5f, 1e-5f), "output of image " + n);
            one.backward(gradient.slice(0, n, n + 1));
            assertTrue(image.grad().allClose(x.grad().slice(0, n, n + 1), 1e-5f, 1e-5f), "input gradient of image " + n);
            weightSum = weightSum.add(weight.grad());
        }
        assertTrue(weightSum.allClose(w.grad(), 1e-3f, 1e-3f), "weight gradient");
    }

    private static float[][] forwardAndGradients() {
        Tensor x = leaf(50, 6, 4, 9, 9);
        Tensor w = leaf(51, 8, 2, 3, 3);
        Tensor b = leaf(52, 8);
        Tensor y = Convolution.conv2d(x, w, b, options().padding(1).groups(2));
        y.backward(Tensor.randn(new Generator(53), y.shape().toArray()));
        return new float[][] {y.toFloatArray(), x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray()};
    }

    /** Many images per chunk and more chunks than partial sums of the weight gradient. */
    private static float[][] chunkedForwardAndGradients() {
        Tensor x = leaf(58, 300, 4, 6, 6);
        Tensor w = leaf(59, 6, 2, 3, 3);
        Tensor b = leaf(60, 6);
        Tensor y = Convolution.conv2d(x, w, b, options().stride(2).padding(1).groups(2));
        y.backward(Tensor.randn(new Generator(61), y.shape().toArray()));
        return new float[][] {y.toFloatArray(), x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray()};
    }

    // ---------------------------------------------------------------- errors

    @Test
    void channelMismatchNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(Tensor.zeros(8, 3, 32, 32), Tensor.zeros(16, 4, 3, 3), null));
        assertEquals("conv2d: input [8, 3, 32, 32] has 3 channels but weight [16, 4, 3, 3] expects 4 (groups 1)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.convTranspose2d(
                Tensor.zeros(1, 3, 4, 4), Tensor.zeros(4, 2, 3, 3), null));
        assertEquals("convTranspose2d: input [1, 3, 4, 4] has 3 channels but weight [4, 2, 3, 3] expects 4"
                + " (its first dimension)", e.getMessage());
    }

    @Test
    void wrongRanksAreRejected() {
        assertMessage("conv2d: input [3, 32] must be [batch, channels, height, width] or [channels, height, width]",
                () -> Convolution.conv2d(Tensor.zeros(3, 32), Tensor.zeros(4, 3, 3, 3), null));
        assertMessage("conv2d: weight [4, 3, 3] must be [outChannels, inChannels / groups, kernelHeight, kernelWidth]",
                () -> Convolution.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3), null));
        assertMessage("conv1d: input [1, 3, 8, 8] must be [batch, channels, length] or [channels, length]",
                () -> Convolution.conv1d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3), null));
        assertMessage("convTranspose2d: weight [4, 3] must be [inChannels, outChannels / groups, kernelHeight,"
                + " kernelWidth]", () -> Convolution.convTranspose2d(Tensor.zeros(1, 4, 8, 8), Tensor.zeros(4, 3), null));
    }

    @Test
    void groupsMustDivideTheChannels() {
        assertMessage("conv2d: groups 2 must divide both the input channels 3 and the output channels 4"
                        + " (input [1, 3, 8, 8], weight [4, 1, 3, 3])",
                () -> Convolution.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 1, 3, 3), null, options().groups(2)));
        assertMessage("conv2d: groups 2 must divide both the input channels 4 and the output channels 3"
                        + " (input [1, 4, 8, 8], weight [3, 2, 3, 3])",
                () -> Convolution.conv2d(Tensor.zeros(1, 4, 8, 8), Tensor.zeros(3, 2, 3, 3), null, options().groups(2)));
    }

    @Test
    void anEmptyOutputIsRejected() {
        assertMessage("conv2d: input [1, 1, 2, 7] is too small for weight [1, 1, 3, 3] with stride (1, 1),"
                        + " padding (0, 0), dilation (1, 1): the output size would be (0, 5)",
                () -> Convolution.conv2d(Tensor.zeros(1, 1, 2, 7), Tensor.zeros(1, 1, 3, 3), null));
        assertMessage("conv1d: input [1, 1, 4] is too small for weight [1, 1, 3] with stride 1, padding 0,"
                        + " dilation 2: the output size would be 0",
                () -> Convolution.conv1d(Tensor.zeros(1, 1, 4), Tensor.zeros(1, 1, 3), null, options().dilation(2)));
        assertMessage("convTranspose2d: input [1, 1, 1, 1] with weight [1, 1, 1, 1] and stride (1, 1), padding (1, 1),"
                        + " dilation (1, 1) gives no output: the output size would be (-1, -1)",
                () -> Convolution.convTranspose2d(Tensor.zeros(1, 1, 1, 1), Tensor.zeros(1, 1, 1, 1), null,
                        options().padding(1)));
    }

    @Test
    void badOptionsAreRejected() {
        assertMessage("conv2d: bias [3] must have shape [4], one value per output channel of weight [4, 3, 3, 3]",
                () -> Convolution.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3)));
        assertMessage("conv2d: padding 'same' needs stride 1, got stride (2, 2)",
                () -> Convolution.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3, 3), null,
                        options().paddingSame().stride(2)));
        assertMessage("convTranspose2d: output padding must be smaller than either the stride or the dilation, got "
                        + options().outputPadding(1),
                () -> Convolution.convTranspose2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(3, 4, 3, 3), null,
                        options().outputPadding(1)));
        var e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv1d(Tensor.zeros(1, 3, 8),
                Tensor.zeros(4, 3, 3), null, options().stride(1, 2)));
        assertTrue(e.getMessage().startsWith("conv1d: a 1-d convolution takes one stride"), e.getMessage());
        assertMessage("ConvolutionOptions: stride (0, 0) must be at least 1", () -> options().stride(0));
        assertMessage("ConvolutionOptions: groups must be at least 1, got 0", () -> options().groups(0));
    }

    private static void assertMessage(String expected, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
