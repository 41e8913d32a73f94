package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX's ConvTranspose in 1-d and 2-d: Nabla's transposed convolution without padding, then
 * the pads (explicit, from {@code output_shape} or from {@code auto_pad}) cropped off each side.
 */
final class ConvTranspose {

    private ConvTranspose() {
    }

    static List<Value> apply(OnnxNode n, List<Value> in) {
        Tensor x = required(n, in, 0).tensor();
        Tensor w = required(n, in, 1).tensor();
        Value b = optional(in, 2);
        int spatial = x.rank() - 2;
        if (spatial < 1 || w.rank() != x.rank()) {
            throw new IllegalArgumentException("a transposed convolution takes [N, C, ...] and weights of the same"
                    + " rank, got " + x.shape() + " and " + w.shape());
        }
        int[] kernel = Arrays.copyOfRange(w.shape().toArray(), 2, w.rank());
        int[] strides = setting(n, "strides", spatial, 1);
        int[] dilations = setting(n, "dilations", spatial, 1);
        int[] outputPadding = setting(n, "output_padding", spatial, 0);
        int[] sizes = Arrays.copyOfRange(x.shape().toArray(), 2, x.rank());
        int[] begin = new int[spatial];
        int[] end = new int[spatial];
        long[] outputShape = n.integers("output_shape", null);
        String auto = n.text("auto_pad", "NOTSET");
        long[] pads = n.integers("pads", new long[2 * spatial]);
        for (int i = 0; i < spatial; i++) {
            int full = strides[i] * (sizes[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1;
            if (outputShape != null || auto.startsWith("SAME")) {
                int target = outputShape != null ? (int) outputShape[outputShape.length - spatial + i]
                        : sizes[i] * strides[i];
                int total = full - target;
                if (total < 0) {
                    // A larger output than the kernel reaches: the extra rows hold the bias alone, as output padding does.
                    outputPadding[i] -= total;
                    total = 0;
                }
                begin[i] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            } else if (!auto.equals("VALID")) {
                begin[i] = (int) pads[i];
                end[i] = (int) pads[i + spatial];
            }
        }
        if (spatial > 2) {
            return List.of(Value.of(crop(full(x, w, b == null ? null : b.tensor(), strides, dilations, outputPadding,
                    (int) n.integer("group", 1)), begin, end)));
        }
        if (spatial == 1) {
            x = x.unsqueeze(2);
            w = w.unsqueeze(2);
        }
        int heightPadding = spatial == 1 ? 0 : outputPadding[0];
        int widthPadding = outputPadding[spatial - 1];
        ConvolutionOptions options = ConvolutionOptions.defaults().groups((int) n.integer("group", 1))
                .stride(spatial == 1 ? 1 : strides[0], strides[spatial - 1])
                .dilation(spatial == 1 ? 1 : dilations[0], dilations[spatial - 1])
                .outputPadding(heightPadding, widthPadding);
        Tensor y = Convolution.convTranspose2d(x, w, b == null ? null : b.tensor(), options);
        if (spatial == 1) {
            y = y.squeeze(2);
        }
        return List.of(Value.of(crop(y, begin, end)));
    }

    private static Tensor crop(Tensor y, int[] begin, int[] end) {
        for (int i = 0; i < begin.length; i++) {
            int axis = i + 2;
            y = y.slice(axis, begin[i], y.dim(axis) - end[i]);
        }
        return y;
    }

    /**
     * The whole transposed convolution of any rank (3-d volumes), output padding included: the
     * input stretched by the strides (zeros between its cells), padded by the kernel's reach, and
     * convolved with the kernel flipped and each group's in and out channels swapped.
     */
    private static Tensor full(Tensor x, Tensor w, Tensor bias, int[] strides, int[] dilations, int[] outputPadding,
            int groups) {
        int spatial = strides.length;
        int[][] pads = new int[spatial][2];
        for (int i = 0; i < spatial; i++) {
            x = stretch(x, i + 2, strides[i]);
            int reach = (w.dim(i + 2) - 1) * dilations[i];
            pads[i][0] = reach;
            pads[i][1] = reach + outputPadding[i];
        }
        int inPerGroup = w.dim(0) / groups;
        List<Tensor> swapped = new java.util.ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Tensor part = w.slice(0, g * inPerGroup, (g + 1) * inPerGroup).transpose(0, 1);
            for (int i = 0; i < spatial; i++) {
                int[] reversed = new int[part.dim(i + 2)];
                for (int j = 0; j < reversed.length; j++) {
                    reversed[j] = reversed.length - 1 - j;
                }
                part = part.indexSelect(i + 2, reversed);
            }
            swapped.add(part);
        }
        Tensor kernel = groups == 1 ? swapped.get(0) : Tensor.concat(0, swapped.toArray(Tensor[]::new));
        int[] ones = new int[spatial];
        Arrays.fill(ones, 1);
        return WindowOperators.convolution(NeuralOperators.pad(x, pads, 0f), kernel, bias, ones, dilations, groups);
    }

    /** {@code stride - 1} zeros between neighbouring cells along {@code axis}. */
    private static Tensor stretch(Tensor x, int axis, int stride) {
        if (stride == 1 || x.dim(axis) == 1) {
            return x;
        }
        int[] zeros = x.unsqueeze(axis + 1).shape().toArray();
        zeros[axis + 1] = stride - 1;
        Tensor spread = Tensor.concat(axis + 1, x.unsqueeze(axis + 1), Tensor.zeros(zeros));
        int[] merged = x.shape().toArray();
        merged[axis] = x.dim(axis) * stride;
        return spread.reshape(merged).slice(axis, 0, (x.dim(axis) - 1) * stride + 1);
    }

    private static int[] setting(OnnxNode n, String name, int spatial, int otherwise) {
        long[] values = n.integers(name, null);
        int[] out = new int[spatial];
        Arrays.fill(out, otherwise);
        if (values != null) {
            for (int i = 0; i < spatial; i++) {
                out[i] = (int) values[i];
            }
        }
        return out;
    }
}
