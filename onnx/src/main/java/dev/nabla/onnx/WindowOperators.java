package dev.nabla.onnx;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution and pooling over any number of spatial axes (3-d volumes, and dilated pooling),
 * which Nabla's kernels do not have: a sum (or maximum) over the kernel's offsets of the input's
 * strided, dilated windows at that offset, each picked with index selections so that gradients
 * flow. The input arrives padded. Slower than the 1-d and 2-d kernels, which the operators use
 * when they can.
 */
final class WindowOperators {

    private WindowOperators() {
    }

    /** The output length of each spatial axis of a padded input {@code [N, C, ...]}. */
    private static int[] outputSizes(Tensor padded, int[] kernel, int[] strides, int[] dilations) {
        int spatial = kernel.length;
        int[] out = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            int extent = (kernel[i] - 1) * dilations[i] + 1;
            out[i] = (padded.dim(i + 2) - extent) / strides[i] + 1;
            if (out[i] < 1) {
                throw new IllegalArgumentException("a window of " + extent + " does not fit axis " + (i + 2)
                        + " of length " + padded.dim(i + 2));
            }
        }
        return out;
    }

    /** Every kernel offset, the first spatial axis slowest. */
    private static List<int[]> offsets(int[] kernel) {
        List<int[]> all = new ArrayList<>();
        int total = 1;
        for (int k : kernel) {
            total *= k;
        }
        for (int flat = 0; flat < total; flat++) {
            int[] offset = new int[kernel.length];
            int rest = flat;
            for (int i = kernel.length - 1; i >= 0; i--) {
                offset[i] = rest % kernel[i];
                rest /= kernel[i];
            }
            all.add(offset);
        }
        return all;
    }

    /** The input's values at one kernel offset of every window: {@code [N, C, out...]}. */
    private static Tensor window(Tensor padded, int[] offset, int[] strides, int[] dilations, int[] out) {
        Tensor x = padded;
        for (int i = 0; i < offset.length; i++) {
            int[] picked = new int[out[i]];
            for (int j = 0; j < out[i]; j++) {
                picked[j] = offset[i] * dilations[i] + j * strides[i];
            }
            x = x.indexSelect(i + 2, picked);
        }
        return x;
    }

    /** The maximum, or the sum, over each window. */
    static Tensor pool(Tensor padded, int[] kernel, int[] strides, int[] dilations, boolean max) {
        int[] out = outputSizes(padded, kernel, strides, dilations);
        Tensor result = null;
        for (int[] offset : offsets(kernel)) {
            Tensor values = window(padded, offset, strides, dilations, out);
            result = result == null ? values : max ? result.maximum(values) : result.add(values);
        }
        return result;
    }

    /** Convolution of {@code padded [N, C, ...]} with {@code weight [M, C/groups, k...]} and an optional bias. */
    static Tensor convolution(Tensor padded, Tensor weight, Tensor bias, int[] strides, int[] dilations, int groups) {
        int spatial = weight.rank() - 2;
        int[] kernel = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            kernel[i] = weight.dim(i + 2);
        }
        int channels = padded.dim(1);
        int outputs = weight.dim(0);
        if (channels % groups != 0 || outputs % groups != 0 || weight.dim(1) != channels / groups) {
            throw new IllegalArgumentException("a convolution of " + channels + " channels in " + groups
                    + " groups does not fit weights of shape " + weight.shape());
        }
        int[] out = outputSizes(padded, kernel, strides, dilations);
        int perGroup = channels / groups;
        int outPerGroup = outputs / groups;
        // [N, C, out...] to [N, out..., C] and back: channels last for the products.
        int[] toLast = new int[spatial + 2];
        int[] toFirst = new int[spatial + 2];
        toLast[0] = 0;
        toFirst[0] = 0;
        for (int i = 0; i < spatial; i++) {
            toLast[i + 1] = i + 2;
            toFirst[i + 2] = i + 1;
        }
        toLast[spatial + 1] = 1;
        toFirst[1] = spatial + 1;
        List<Tensor> groupOutputs = new ArrayList<>();
        List<int[]> offsets = offsets(kernel);
        for (int g = 0; g < groups; g++) {
            Tensor groupInput = groups == 1 ? padded : padded.slice(1, g * perGroup, (g + 1) * perGroup);
            Tensor groupWeight = groups == 1 ? weight : weight.slice(0, g * outPerGroup, (g + 1) * outPerGroup);
            Tensor sum = null;
            for (int[] offset : offsets) {
                Tensor values = window(groupInput, offset, strides, dilations, out).permute(toLast);
                Tensor taps = groupWeight;
                for (int i = spatial - 1; i >= 0; i--) {
                    taps = taps.slice(i + 2, offset[i], offset[i] + 1).squeeze(i + 2);
                }
                Tensor product = values.matmul(taps.transpose(0, 1));
                sum = sum == null ? product : sum.add(product);
            }
            groupOutputs.add(sum.permute(toFirst));
        }
        Tensor y = groups == 1 ? groupOutputs.get(0) : Tensor.concat(1, groupOutputs.toArray(Tensor[]::new));
        if (bias != null) {
            int[] perChannel = new int[spatial + 2];
            java.util.Arrays.fill(perChannel, 1);
            perChannel[1] = outputs;
            y = y.add(bias.reshape(perChannel));
        }
        return y;
    }
}
