package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Pooling;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The import's convolution and pooling of any rank agree with Nabla's 2-d kernels where both
 * run, and gradients flow through them, through Resize and through InstanceNormalization
 * (the conformance suite checks their values).
 */
class WindowOperatorsTest {

    private final Generator generator = new Generator(13);

    @Test
    void convolutionOverOffsetsEqualsTheTwoDimensionalKernel() {
        Tensor x = Tensor.randn(generator, 2, 4, 7, 6);
        Tensor w = Tensor.randn(generator, 6, 2, 3, 2);
        Tensor b = Tensor.randn(generator, 6);
        Tensor expected = Convolution.conv2d(x, w, b, ConvolutionOptions.defaults().groups(2).stride(2, 1)
                .dilation(1, 2));
        Tensor actual = WindowOperators.convolution(x, w, b, new int[] {2, 1}, new int[] {1, 2}, 2);
        assertArrayEquals(expected.shape().toArray(), actual.shape().toArray());
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-4f);
    }

    @Test
    void poolingOverOffsetsEqualsTheTwoDimensionalKernel() {
        Tensor x = Tensor.randn(generator, 2, 3, 7, 8);
        int[] kernel = {3, 2};
        int[] strides = {2, 2};
        int[] none = {0, 0};
        assertArrayEquals(Pooling.maxPool2d(x, kernel, strides, none).toFloatArray(),
                WindowOperators.pool(x, kernel, strides, new int[] {1, 1}, true).toFloatArray(), 1e-6f);
        assertArrayEquals(Pooling.avgPool2d(x, kernel, strides, none).toFloatArray(),
                WindowOperators.pool(x, kernel, strides, new int[] {1, 1}, false).div(6f).toFloatArray(), 1e-5f);
    }

    @Test
    void gradientsFlowThroughThreeDimensionalConvolutionAndPooling() {
        Tensor x = Tensor.randn(generator, 1, 2, 4, 3, 4).requiresGrad(true);
        Tensor w = Tensor.randn(generator, 3, 2, 2, 2, 2).requiresGrad(true);
        GradCheck.assertGradients(in -> WindowOperators.convolution(in[0], in[1], null, new int[] {1, 1, 2},
                new int[] {1, 1, 1}, 1).sum(), x, w);
        GradCheck.assertGradients(in -> WindowOperators.pool(in[0], new int[] {2, 2, 2}, new int[] {1, 1, 1},
                new int[] {2, 1, 1}, false).sum(), x);
    }

    @Test
    void gradientsFlowThroughResizeAndInstanceNormalization() {
        Tensor x = Tensor.randn(generator, 1, 2, 3, 4).requiresGrad(true);
        OnnxNode cubic = node("Resize", OnnxWriter.attribute("mode", "cubic"),
                OnnxWriter.attribute("coordinate_transformation_mode", "align_corners"));
        Value scales = Value.of(Tensor.of(1f, 1f, 2f, 0.75f));
        Tensor weights = Tensor.randn(generator, 1, 2, 6, 3);
        GradCheck.assertGradients(in -> Resize.apply(cubic, Arrays.asList(Value.of(in[0]), null, scales, null))
                .get(0).tensor().mul(weights).sum(), x);
        OnnxNode instance = node("InstanceNormalization", OnnxWriter.attribute("epsilon", 1e-3f));
        Tensor scale = Tensor.randn(generator, 2).requiresGrad(true);
        Tensor bias = Tensor.randn(generator, 2).requiresGrad(true);
        Tensor mix = Tensor.randn(generator, 1, 2, 3, 4);
        GradCheck.assertGradients(in -> BatchNormalization.instanceNorm(instance, List.of(Value.of(in[0]),
                Value.of(in[1]), Value.of(in[2]))).get(0).tensor().mul(mix).sum(), x, scale, bias);
    }

    private static OnnxNode node(String opType, dev.nabla.onnx.proto.OnnxProtos.AttributeProto... attributes) {
        return new OnnxNode(NodeProto.newBuilder().setOpType(opType).setName(opType.toLowerCase())
                .addAllAttribute(Arrays.asList(attributes)).build(), 13);
    }
}
