package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.Dense;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Dense, convolution, pooling and normalization layers as ONNX operators. */
final class CoreLayerExporters {

    private CoreLayerExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Dense.class, CoreLayerExporters::dense);
        LayerExporters.register(Conv1d.class, (layer, c) -> convolution("Conv", new Convolution(layer.weight(),
                layer.bias(), layer.options(), layer.activation()), c));
        LayerExporters.register(Conv2d.class, (layer, c) -> convolution("Conv", new Convolution(layer.weight(),
                layer.bias(), layer.options(), layer.activation()), c));
        LayerExporters.register(ConvTranspose2d.class, (layer, c) -> convolution("ConvTranspose",
                new Convolution(layer.weight(), layer.bias(), layer.options(), layer.activation()), c));
        LayerExporters.register(MaxPool1d.class, (layer, c) -> window("MaxPool", layer.kernelSize(), layer.stride(),
                layer.padding(), c));
        LayerExporters.register(MaxPool2d.class, (layer, c) -> window("MaxPool", layer.kernelSize(), layer.stride(),
                layer.padding(), c));
        LayerExporters.register(AvgPool1d.class, (layer, c) -> window("AveragePool", layer.kernelSize(),
                layer.stride(), layer.padding(), c));
        LayerExporters.register(AvgPool2d.class, (layer, c) -> window("AveragePool", layer.kernelSize(),
                layer.stride(), layer.padding(), c));
        LayerExporters.register(AdaptiveAvgPool2d.class, CoreLayerExporters::adaptive);
        LayerExporters.register(GlobalAvgPool.class, (layer, c) -> global("ReduceMean", layer.dataFormat(), c));
        LayerExporters.register(GlobalMaxPool.class, (layer, c) -> global("ReduceMax", layer.dataFormat(), c));
        LayerExporters.register(BatchNorm1d.class, (layer, c) -> batchNorm(c, layer.affine()
                ? layer.weight().value() : null, layer.affine() ? layer.bias().value() : null, layer.runningMean(),
                layer.runningVar(), layer.eps()));
        LayerExporters.register(BatchNorm2d.class, (layer, c) -> batchNorm(c, layer.affine()
                ? layer.weight().value() : null, layer.affine() ? layer.bias().value() : null, layer.runningMean(),
                layer.runningVar(), layer.eps()));
        LayerExporters.register(LayerNorm.class, CoreLayerExporters::layerNorm);
    }

    /** Gemm for {@code [N, in]}; MatMul with the transposed weight for {@code [N, ..., in]}. */
    private static List<String> dense(Dense layer, ExportContext c) {
        OnnxWriter w = c.writer();
        String weight = w.initializer(c.name("weight"), layer.weight().value());
        String bias = layer.useBias() ? w.initializer(c.name("bias"), layer.bias().value()) : null;
        String y;
        if (c.inputShape().rank() == 2) {
            List<String> inputs = bias == null ? List.of(c.input(), weight) : List.of(c.input(), weight, bias);
            y = c.node("Gemm", inputs, attribute("transB", 1L));
        } else {
            String transposed = c.node("Transpose", List.of(weight));
            y = c.node("MatMul", List.of(c.input(), transposed));
            if (bias != null) {
                y = c.node("Add", List.of(y, bias));
            }
        }
        return List.of(ActivationExporters.apply(w, layer.activation(), y, c.path()));
    }

    /** What a convolution layer of any rank holds (their common base class is not public). */
    private record Convolution(Parameter weight, Parameter bias, ConvolutionOptions options,
                               ActivationFunction activation) {
    }

    private static List<String> convolution(String opType, Convolution layer, ExportContext c) {
        OnnxWriter w = c.writer();
        Tensor weight = layer.weight().value();
        List<String> inputs = new ArrayList<>(List.of(c.input(), w.initializer(c.name("weight"), weight)));
        if (layer.bias() != null) {
            inputs.add(w.initializer(c.name("bias"), layer.bias().value()));
        }
        ConvolutionOptions o = layer.options();
        int spatial = c.inputShape().rank() - 2;
        int[] kernel = Arrays.copyOfRange(weight.shape().toArray(), 2, 2 + spatial);
        int[] strides = pick(spatial, o.strideHeight(), o.strideWidth());
        int[] dilations = pick(spatial, o.dilationHeight(), o.dilationWidth());
        int[] pads = new int[2 * spatial];
        int[] explicit = pick(spatial, o.paddingHeight(), o.paddingWidth());
        for (int i = 0; i < spatial; i++) {
            int total = o.samePadding() ? (kernel[i] - 1) * dilations[i] : 2 * explicit[i];
            pads[i] = total / 2;
            pads[i + spatial] = total - total / 2;
        }
        List<AttributeProto> attributes = new ArrayList<>(List.of(attribute("kernel_shape", kernel),
                attribute("strides", strides), attribute("dilations", dilations), attribute("pads", pads),
                attribute("group", (long) o.groups())));
        if (opType.equals("ConvTranspose")) {
            attributes.add(attribute("output_padding", pick(spatial, o.outputPaddingHeight(),
                    o.outputPaddingWidth())));
        }
        String y = c.node(opType, inputs, attributes.toArray(AttributeProto[]::new));
        return List.of(ActivationExporters.apply(w, layer.activation(), y, c.path()));
    }

    private static int[] pick(int spatial, int height, int width) {
        return spatial == 1 ? new int[] {height} : new int[] {height, width};
    }

    private static List<String> window(String opType, int kernelSize, int stride, int padding, ExportContext c) {
        int spatial = c.inputShape().rank() - 2;
        int[] kernel = new int[spatial];
        int[] strides = new int[spatial];
        int[] pads = new int[2 * spatial];
        Arrays.fill(kernel, kernelSize);
        Arrays.fill(strides, stride);
        Arrays.fill(pads, padding);
        List<AttributeProto> attributes = new ArrayList<>(List.of(attribute("kernel_shape", kernel),
                attribute("strides", strides), attribute("pads", pads)));
        if (opType.equals("AveragePool")) {
            attributes.add(attribute("count_include_pad", 1L));
        }
        return List.of(c.node(opType, c.inputs(), attributes.toArray(AttributeProto[]::new)));
    }

    private static List<String> adaptive(AdaptiveAvgPool2d layer, ExportContext c) {
        int height = c.inputShape().dim(2);
        int width = c.inputShape().dim(3);
        if (layer.outputHeight() == 1 && layer.outputWidth() == 1) {
            return List.of(c.node("GlobalAveragePool", c.inputs()));
        }
        if (height % layer.outputHeight() != 0 || width % layer.outputWidth() != 0) {
            // Windows of unequal sizes: the mean over each is separable, rows then columns, so two
            // MatMuls with constant averaging matrices compute it ([outH, H] · x · [W, outW]).
            OnnxWriter w = c.writer();
            String columns = c.node("MatMul", List.of(c.input(), w.initializer(c.name("width_average"),
                    averaging(width, layer.outputWidth()).transpose(0, 1).contiguous())));
            return List.of(c.node("MatMul", List.of(w.initializer(c.name("height_average"),
                    averaging(height, layer.outputHeight())), columns)));
        }
        int[] kernel = {height / layer.outputHeight(), width / layer.outputWidth()};
        return List.of(c.node("AveragePool", c.inputs(), attribute("kernel_shape", kernel),
                attribute("strides", kernel)));
    }

    /** {@code [out, size]}: row i averages PyTorch's adaptive window {@code [floor(i·size/out), ceil((i+1)·size/out))}. */
    private static Tensor averaging(int size, int out) {
        float[] weights = new float[out * size];
        for (int i = 0; i < out; i++) {
            int start = (int) Math.floor((double) i * size / out);
            int end = (int) Math.ceil((double) (i + 1) * size / out);
            for (int j = start; j < end; j++) {
                weights[i * size + j] = 1f / (end - start);
            }
        }
        return Tensor.of(weights, out, size);
    }

    /** ReduceMean or ReduceMax over the spatial axes (over the real steps of masked sequences). */
    private static List<String> global(String opType, DataFormat format, ExportContext c) {
        int rank = c.inputShape().rank();
        long[] axes = new long[rank - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = format == DataFormat.CHANNELS_LAST ? i + 1 : i + 2;
        }
        if (format == DataFormat.CHANNELS_LAST && c.mask(0) != null) {
            return List.of(maskedGlobal(opType, c));
        }
        return List.of(reduce(opType, c, c.input(), axes, false));
    }

    /**
     * Pooling of sequences {@code [N, T, C]} over their real steps only: the mean
     * {@code Σ m·x / max(Σ m, 1)}, or the largest real value (0 for a sequence with none).
     */
    private static String maskedGlobal(String opType, ExportContext c) {
        if (c.inputShape().rank() != 3) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " pools masked values of rank "
                    + c.inputShape().rank() + "; its ONNX form takes masked sequences [batch, time, channels]");
        }
        OnnxWriter w = c.writer();
        String mask = c.node("Unsqueeze", List.of(c.mask(0), w.longs(c.name("axes"), 2)));
        String count = reduce("ReduceSum", c, mask, new long[] {1}, false);
        if (opType.equals("ReduceMean")) {
            String total = reduce("ReduceSum", c, c.node("Mul", List.of(c.input(), mask)), new long[] {1}, false);
            return c.node("Div", List.of(total, c.node("Max", List.of(count, w.scalar(c.name("one"), 1f)))));
        }
        String real = c.node("Greater", List.of(mask, w.scalar(c.name("zero"), 0f)));
        String largest = reduce("ReduceMax", c, c.node("Where", List.of(real, c.input(),
                w.scalar(c.name("lowest"), Float.NEGATIVE_INFINITY))), new long[] {1}, false);
        String any = c.node("Greater", List.of(count, w.scalar(c.name("zero"), 0f)));
        return c.node("Where", List.of(any, largest, w.scalar(c.name("zero"), 0f)));
    }

    static String reduce(String opType, ExportContext c, String input, long[] axes, boolean keepDims) {
        AttributeProto keep = attribute("keepdims", keepDims ? 1L : 0L);
        if (c.writer().opset() >= 18 || opType.equals("ReduceSum")) { // ReduceSum takes its axes as an input from 13 on
            return c.node(opType, List.of(input, c.writer().longs(c.name("axes"), axes)), keep);
        }
        return c.node(opType, List.of(input), attribute("axes", axes), keep);
    }

    private static List<String> batchNorm(ExportContext c, Tensor weight, Tensor bias, Tensor mean, Tensor variance,
            float eps) {
        OnnxWriter w = c.writer();
        int channels = mean.size();
        String scale = w.initializer(c.name("weight"), weight != null ? weight : Tensor.ones(channels));
        String shift = w.initializer(c.name("bias"), bias != null ? bias : Tensor.zeros(channels));
        return List.of(c.node("BatchNormalization", List.of(c.input(), scale, shift,
                w.initializer(c.name("running_mean"), mean), w.initializer(c.name("running_var"), variance)),
                attribute("epsilon", eps)));
    }

    private static List<String> layerNorm(LayerNorm layer, ExportContext c) {
        OnnxWriter w = c.writer();
        int[] normalized = layer.normalizedShape();
        String scale = w.initializer(c.name("weight"), layer.elementwiseAffine() ? layer.weight().value()
                : Tensor.ones(normalized));
        String shift = w.initializer(c.name("bias"), layer.elementwiseAffine() && layer.bias() != null
                ? layer.bias().value() : Tensor.zeros(normalized));
        return List.of(c.node("LayerNormalization", List.of(c.input(), scale, shift),
                attribute("axis", (long) -normalized.length), attribute("epsilon", layer.eps())));
    }
}
