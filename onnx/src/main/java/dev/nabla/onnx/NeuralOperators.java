package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.PadMode;
import dev.nabla.tensor.Pooling;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Matrix products, convolution, pooling, normalization and softmax. */
final class NeuralOperators {

    private NeuralOperators() {
    }

    static void registerAll() {
        Operators.register("MatMul", (n, in) -> List.of(Value.of(required(n, in, 0).tensor()
                .matmul(required(n, in, 1).tensor()))));
        Operators.register("Gemm", NeuralOperators::gemm);
        Operators.register("Conv", NeuralOperators::conv);
        Operators.register("ConvTranspose", ConvTranspose::apply);
        Operators.register("MaxPool", (n, in) -> pool(n, in, true));
        Operators.register("AveragePool", (n, in) -> pool(n, in, false));
        Operators.register("GlobalAveragePool", (n, in) -> List.of(Value.of(required(n, in, 0).tensor()
                .mean(spatialAxes(required(n, in, 0).tensor()), true))));
        Operators.register("GlobalMaxPool", (n, in) -> List.of(Value.of(required(n, in, 0).tensor()
                .max(spatialAxes(required(n, in, 0).tensor()), true))));
        Operators.register("BatchNormalization", BatchNormalization::apply);
        Operators.register("LayerNormalization", BatchNormalization::layerNorm);
        Operators.register("InstanceNormalization", BatchNormalization::instanceNorm);
        Operators.register("Resize", Resize::apply);
        Operators.register("Softmax", (n, in) -> softmax(n, in, false));
        Operators.register("LogSoftmax", (n, in) -> softmax(n, in, true));
    }

    private static List<Value> gemm(OnnxNode n, List<Value> in) {
        Tensor a = required(n, in, 0).tensor();
        Tensor b = required(n, in, 1).tensor();
        if (n.integer("transA", 0) != 0) {
            a = a.transpose(0, 1);
        }
        if (n.integer("transB", 0) != 0) {
            b = b.transpose(0, 1);
        }
        Tensor y = a.matmul(b);
        float alpha = n.real("alpha", 1f);
        if (alpha != 1f) {
            y = y.mul(alpha);
        }
        Value c = optional(in, 2);
        if (c != null) {
            float beta = n.real("beta", 1f);
            y = y.add(beta == 1f ? c.tensor() : c.tensor().mul(beta));
        }
        return List.of(Value.of(y));
    }

    static int[] spatialAxes(Tensor x) {
        int[] axes = new int[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return axes;
    }

    /** Padding before and after each spatial axis: explicit pads, or auto_pad's SAME/VALID. */
    static int[][] pads(OnnxNode n, int[] inSizes, int[] kernel, int[] strides, int[] dilations, boolean ceil) {
        int spatial = inSizes.length;
        int[][] out = new int[spatial][2];
        String auto = n.text("auto_pad", "NOTSET");
        long[] explicit = n.integers("pads", new long[2 * spatial]);
        for (int i = 0; i < spatial; i++) {
            int extent = (kernel[i] - 1) * dilations[i] + 1;
            if (auto.startsWith("SAME")) {
                int outSize = (inSizes[i] + strides[i] - 1) / strides[i];
                int total = Math.max(0, (outSize - 1) * strides[i] + extent - inSizes[i]);
                int small = total / 2;
                out[i][0] = auto.equals("SAME_UPPER") ? small : total - small;
                out[i][1] = total - out[i][0];
            } else if (!auto.equals("VALID")) {
                out[i][0] = (int) explicit[i];
                out[i][1] = (int) explicit[i + spatial];
            }
            if (ceil) {
                int span = inSizes[i] + out[i][0] + out[i][1] - extent;
                int outSize = (span + strides[i] - 1) / strides[i] + 1;
                // The last window must start inside the input or the left padding (PyTorch's rule).
                if ((outSize - 1) * strides[i] >= inSizes[i] + out[i][0]) {
                    outSize--;
                }
                out[i][1] += Math.max(0, (outSize - 1) * strides[i] + extent - (inSizes[i] + out[i][0] + out[i][1]));
            }
        }
        return out;
    }

    /** {@code F.pad}'s order (last axis first) for the spatial axes. */
    static Tensor pad(Tensor x, int[][] pads, float value) {
        int[] flat = new int[2 * pads.length];
        boolean any = false;
        for (int i = 0; i < pads.length; i++) {
            flat[2 * i] = pads[pads.length - 1 - i][0];
            flat[2 * i + 1] = pads[pads.length - 1 - i][1];
            any |= flat[2 * i] != 0 || flat[2 * i + 1] != 0;
        }
        return any ? x.pad(flat, PadMode.CONSTANT, value) : x;
    }

    static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    private static int[] filled(int spatial, int value) {
        int[] out = new int[spatial];
        Arrays.fill(out, value);
        return out;
    }

    private static List<Value> conv(OnnxNode n, List<Value> in) {
        Tensor x = required(n, in, 0).tensor();
        Tensor w = required(n, in, 1).tensor();
        Value b = optional(in, 2);
        int spatial = x.rank() - 2;
        if (spatial < 1 || w.rank() != x.rank()) {
            throw new IllegalArgumentException("a convolution takes [N, C, ...] and weights of the same rank, got "
                    + x.shape() + " and " + w.shape());
        }
        int[] kernel = Arrays.copyOfRange(w.shape().toArray(), 2, w.rank());
        int[] strides = ints(n.integers("strides", Arrays.stream(filled(spatial, 1)).asLongStream().toArray()));
        int[] dilations = ints(n.integers("dilations", Arrays.stream(filled(spatial, 1)).asLongStream().toArray()));
        int[] sizes = Arrays.copyOfRange(x.shape().toArray(), 2, x.rank());
        x = pad(x, pads(n, sizes, kernel, strides, dilations, false), 0f);
        ConvolutionOptions options = ConvolutionOptions.defaults().groups((int) n.integer("group", 1));
        Tensor bias = b == null ? null : b.tensor();
        if (spatial > 2) {
            return List.of(Value.of(WindowOperators.convolution(x, w, bias, strides, dilations,
                    (int) n.integer("group", 1))));
        }
        if (spatial == 1) {
            return List.of(Value.of(Convolution.conv1d(x, w, bias, options.stride(strides[0])
                    .dilation(dilations[0]))));
        }
        return List.of(Value.of(Convolution.conv2d(x, w, bias, options.stride(strides[0], strides[1])
                .dilation(dilations[0], dilations[1]))));
    }

    /** 1-d and 2-d pooling; 1-d runs as 2-d over a height of one. */
    private static List<Value> pool(OnnxNode n, List<Value> in, boolean max) {
        Value input = required(n, in, 0);
        Tensor x = input.tensor();
        int spatial = x.rank() - 2;
        if (spatial < 1) {
            throw new IllegalArgumentException("pooling takes [N, C, ...], got " + x.shape());
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw new IllegalArgumentException("the Indices output of MaxPool is not supported");
        }
        int[] kernel = ints(n.integers("kernel_shape", null));
        int[] strides = ints(n.integers("strides", Arrays.stream(filled(spatial, 1)).asLongStream().toArray()));
        int[] dilations = ints(n.integers("dilations", Arrays.stream(filled(spatial, 1)).asLongStream().toArray()));
        int[] sizes = Arrays.copyOfRange(x.shape().toArray(), 2, x.rank());
        int[][] pads = pads(n, sizes, kernel, strides, dilations, n.integer("ceil_mode", 0) != 0);
        if (spatial > 2 || Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            return List.of(new Value(windowPool(n, x, pads, kernel, strides, dilations, max), input.type()));
        }
        if (spatial == 1) {
            x = x.unsqueeze(2);
            kernel = new int[] {1, kernel[0]};
            strides = new int[] {1, strides[0]};
            pads = new int[][] {{0, 0}, pads[0]};
        }
        int[] none = {0, 0};
        Tensor y;
        if (max) {
            y = Pooling.maxPool2d(pad(x, pads, Float.NEGATIVE_INFINITY), kernel, strides, none);
        } else if (n.integer("count_include_pad", 0) != 0) {
            y = Pooling.avgPool2d(pad(x, pads, 0f), kernel, strides, none);
        } else {
            Tensor counts = Pooling.avgPool2d(pad(Tensor.ones(1, 1, x.dim(2), x.dim(3)), pads, 0f), kernel,
                    strides, none);
            y = Pooling.avgPool2d(pad(x, pads, 0f), kernel, strides, none).div(counts);
        }
        return List.of(new Value(spatial == 1 ? y.squeeze(2) : y, input.type()));
    }

    /** Pooling of any rank or dilation through {@link WindowOperators}: padded cells count as count_include_pad says. */
    private static Tensor windowPool(OnnxNode n, Tensor x, int[][] pads, int[] kernel, int[] strides, int[] dilations,
            boolean max) {
        if (max) {
            return WindowOperators.pool(pad(x, pads, Float.NEGATIVE_INFINITY), kernel, strides, dilations, true);
        }
        Tensor sums = WindowOperators.pool(pad(x, pads, 0f), kernel, strides, dilations, false);
        int[] ones = x.shape().toArray();
        ones[0] = 1;
        ones[1] = 1;
        Tensor counts = WindowOperators.pool(pad(Tensor.ones(ones), pads, n.integer("count_include_pad", 0) != 0
                ? 1f : 0f), kernel, strides, dilations, false);
        return sums.div(counts);
    }

    /** Softmax over one axis from opset 13; before it, over the input flattened to 2-d at the axis. */
    private static List<Value> softmax(OnnxNode n, List<Value> in, boolean log) {
        Tensor x = required(n, in, 0).tensor();
        if (n.opset() >= 13) {
            int axis = (int) n.integer("axis", -1);
            return List.of(Value.of(log ? x.logSoftmax(axis) : x.softmax(axis)));
        }
        int axis = (int) n.integer("axis", 1);
        int a = axis < 0 ? axis + x.rank() : axis;
        int[] dims = x.shape().toArray();
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= dims[i];
        }
        Tensor flat = x.reshape(outer, -1);
        return List.of(Value.of((log ? flat.logSoftmax(1) : flat.softmax(1)).reshape(dims)));
    }
}
