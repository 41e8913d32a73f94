package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;

/**
 * The three products of a convolution, each an im2col and a GEMM per image and group: the
 * output, the gradient of the input (the adjoint, which is also a transposed convolution's
 * output) and the gradient of the weight. Operands are contiguous tensors laid out as the
 * {@link ConvolutionGeometry} says: input {@code [batch, inChannels, inHeight, inWidth]},
 * weight {@code [outChannels, inChannels / groups, kernelHeight, kernelWidth]}, output
 * {@code [batch, outChannels, outHeight, outWidth]}.
 *
 * <p>Images are independent, so the output and the input gradient run images in parallel,
 * each writing only its own slice. The weight gradient sums over images in order, one group
 * per task, so its result does not depend on the number of threads.
 */
final class ConvolutionGemm {

    private ConvolutionGemm() {
    }

    /** The convolution without bias: {@code [batch, outChannels, outHeight, outWidth]}. */
    static float[] output(Tensor x, Tensor w, ConvolutionGeometry g) {
        float[] y = new float[g.batch() * g.outChannels() * g.outPlane()];
        int rows = g.columnRows();
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        if (rows == 0 || perGroup == 0) {
            return y;
        }
        Kernels kernels = KernelProvider.get();
        Parallel.forChunks(g.batch(), 1, (start, end) -> {
            float[] columns = new float[rows * plane];
            for (int n = start; n < end; n++) {
                for (int group = 0; group < g.groups(); group++) {
                    Im2col.unfold(x.storage, x.offset + inputStart(g, n, group), g, columns);
                    kernels.gemm(false, false, perGroup, plane, rows, 1f,
                            w.storage, w.offset + group * perGroup * rows, rows, columns, 0, plane,
                            0f, y, outputStart(g, n, group), plane);
                }
            }
        });
        return y;
    }

    /** The gradient of the input from the output's gradient: {@code [batch, inChannels, inHeight, inWidth]}. */
    static float[] inputGradient(Tensor gy, Tensor w, ConvolutionGeometry g) {
        float[] gx = new float[g.batch() * g.inChannels() * g.inPlane()];
        int rows = g.columnRows();
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        if (rows == 0 || perGroup == 0) {
            return gx;
        }
        Kernels kernels = KernelProvider.get();
        Parallel.forChunks(g.batch(), 1, (start, end) -> {
            float[] columns = new float[rows * plane];
            for (int n = start; n < end; n++) {
                for (int group = 0; group < g.groups(); group++) {
                    kernels.gemm(true, false, rows, plane, perGroup, 1f,
                            w.storage, w.offset + group * perGroup * rows, rows,
                            gy.storage, gy.offset + outputStart(g, n, group), plane, 0f, columns, 0, plane);
                    Im2col.foldAdd(columns, g, gx, inputStart(g, n, group));
                }
            }
        });
        return gx;
    }

    /** The gradient of the weight from the input and the output's gradient. */
    static float[] weightGradient(Tensor x, Tensor gy, ConvolutionGeometry g) {
        int rows = g.columnRows();
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        float[] gw = new float[g.outChannels() * rows];
        if (rows == 0 || perGroup == 0) {
            return gw;
        }
        Kernels kernels = KernelProvider.get();
        Parallel.forChunks(g.groups(), 1, (start, end) -> {
            float[] columns = new float[rows * plane];
            for (int group = start; group < end; group++) {
                for (int n = 0; n < g.batch(); n++) {
                    Im2col.unfold(x.storage, x.offset + inputStart(g, n, group), g, columns);
                    kernels.gemm(false, true, perGroup, rows, plane, 1f,
                            gy.storage, gy.offset + outputStart(g, n, group), plane, columns, 0, plane,
                            n == 0 ? 0f : 1f, gw, group * perGroup * rows, rows);
                }
            }
        });
        return gw;
    }

    /** Adds {@code bias[c]} to every element of channel c of a {@code [batch, channels, plane]} array. */
    static void addBias(float[] y, Tensor bias, int batch, int channels, int plane) {
        float[] b = Layout.toArray(bias);
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int start = (n * channels + c) * plane;
                for (int p = start; p < start + plane; p++) {
                    y[p] += b[c];
                }
            }
        }
    }

    private static int inputStart(ConvolutionGeometry g, int n, int group) {
        return (n * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlane();
    }

    private static int outputStart(ConvolutionGeometry g, int n, int group) {
        return (n * g.outChannels() + group * g.outChannelsPerGroup()) * g.outPlane();
    }
}
