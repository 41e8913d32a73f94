package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import java.util.Arrays;

/**
 * Image patches as matrix columns (im2col) and back (col2im), so that a convolution becomes
 * matrix products. For one group of one image the column matrix has
 * {@code inChannelsPerGroup · kernelHeight · kernelWidth} rows and {@code outHeight · outWidth}
 * columns: row {@code (c, i, j)}, column {@code (oh, ow)} holds input channel c at row
 * {@code oh·strideHeight − padTop + i·dilationHeight} and column
 * {@code ow·strideWidth − padLeft + j·dilationWidth}, or 0 where that lies in the padding.
 * Several images sit side by side in one matrix: each call reads or writes one image's
 * columns, starting at {@code columnOffset}, with rows {@code ld} apart.
 */
final class Im2col {

    private Im2col() {
    }

    /** Fills one image's columns from the group's channels, which start at {@code x[xOff]}. */
    static void unfold(float[] x, int xOff, ConvolutionGeometry g, float[] columns, int columnOffset, int ld) {
        unfold(x, xOff, g, columns, columnOffset, ld, 0, g.inChannelsPerGroup());
    }

    /** {@link #unfold(float[], int, ConvolutionGeometry, float[], int, int)} for the group's channels [from, to) only. */
    static void unfold(float[] x, int xOff, ConvolutionGeometry g, float[] columns, int columnOffset, int ld,
                       int from, int to) {
        Kernels kernels = KernelProvider.get();
        int outWidth = g.outWidth();
        int stride = g.strideWidth();
        int row = columnOffset + from * g.kernelHeight() * g.kernelWidth() * ld;
        for (int c = from; c < to; c++) {
            int channel = xOff + c * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++, row += ld) {
                    int shift = j * g.dilationWidth() - g.padLeft();
                    int first = Math.min(outWidth, firstInside(shift, stride));
                    int end = Math.max(first, endInside(shift, stride, g.inWidth(), outWidth));
                    if (stride == 1 && first == 0 && end == outWidth && g.strideHeight() > 0
                            && inside(g, i, 0) && inside(g, i, g.outHeight() - 1)) {
                        // No padding on this row of the kernel: every output row is a run of the input.
                        int top = i * g.dilationHeight() - g.padTop();
                        kernels.copyRuns(x, channel + top * g.inWidth() + shift, g.strideHeight() * g.inWidth(),
                                columns, row, g.outHeight(), outWidth);
                        continue;
                    }
                    for (int oh = 0, dst = row; oh < g.outHeight(); oh++, dst += outWidth) {
                        int ih = oh * g.strideHeight() - g.padTop() + i * g.dilationHeight();
                        if (ih < 0 || ih >= g.inHeight()) {
                            Arrays.fill(columns, dst, dst + outWidth, 0f);
                            continue;
                        }
                        int src = channel + ih * g.inWidth() + shift;
                        // Padding leaves a column or two: plain loops, not a call per row.
                        for (int ow = 0; ow < first; ow++) {
                            columns[dst + ow] = 0f;
                        }
                        if (stride == 1) {
                            System.arraycopy(x, src + first, columns, dst + first, end - first);
                        } else {
                            for (int ow = first; ow < end; ow++) {
                                columns[dst + ow] = x[src + ow * stride];
                            }
                        }
                        for (int ow = end; ow < outWidth; ow++) {
                            columns[dst + ow] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #unfold}: adds every column entry back onto the input position it came from. */
    static void foldAdd(float[] columns, int columnOffset, int ld, ConvolutionGeometry g, float[] x, int xOff) {
        Kernels kernels = KernelProvider.get();
        int outWidth = g.outWidth();
        int stride = g.strideWidth();
        int row = columnOffset;
        for (int c = 0; c < g.inChannelsPerGroup(); c++) {
            int channel = xOff + c * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++, row += ld) {
                    int shift = j * g.dilationWidth() - g.padLeft();
                    int first = firstInside(shift, stride);
                    int end = endInside(shift, stride, g.inWidth(), outWidth);
                    if (stride == 1 && first == 0 && end == outWidth && inside(g, i, 0)
                            && inside(g, i, g.outHeight() - 1)) {
                        int top = i * g.dilationHeight() - g.padTop();
                        kernels.addRuns(columns, row, x, channel + top * g.inWidth() + shift,
                                g.strideHeight() * g.inWidth(), g.outHeight(), outWidth);
                        continue;
                    }
                    for (int oh = 0, src = row; oh < g.outHeight(); oh++, src += outWidth) {
                        int ih = oh * g.strideHeight() - g.padTop() + i * g.dilationHeight();
                        if (ih < 0 || ih >= g.inHeight()) {
                            continue;
                        }
                        int dst = channel + ih * g.inWidth() + shift;
                        for (int ow = first; ow < end; ow++) {
                            x[dst + ow * stride] += columns[src + ow];
                        }
                    }
                }
            }
        }
    }

    /** True when output row oh reads an input row (not padding) at kernel row i. */
    private static boolean inside(ConvolutionGeometry g, int i, int oh) {
        int ih = oh * g.strideHeight() - g.padTop() + i * g.dilationHeight();
        return ih >= 0 && ih < g.inHeight();
    }

    /** The first output column whose input column {@code ow·stride + shift} is not left of the input. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output column whose input column lies inside an input {@code inWidth} wide. */
    private static int endInside(int shift, int stride, int inWidth, int outWidth) {
        int last = inWidth - 1 - shift;
        return last < 0 ? 0 : Math.min(outWidth, last / stride + 1);
    }
}
