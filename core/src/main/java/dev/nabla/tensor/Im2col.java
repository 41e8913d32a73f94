package dev.nabla.tensor;

import java.util.Arrays;

/**
 * Image patches as matrix columns (im2col) and back (col2im), so that a convolution becomes
 * one matrix product per image and group. For one group of one image the column matrix has
 * shape {@code [inChannelsPerGroup · kernelHeight · kernelWidth, outHeight · outWidth]}: row
 * {@code (c, i, j)}, column {@code (oh, ow)} holds input channel c at row
 * {@code oh·strideHeight − padTop + i·dilationHeight} and column
 * {@code ow·strideWidth − padLeft + j·dilationWidth}, or 0 where that lies in the padding.
 */
final class Im2col {

    private Im2col() {
    }

    /** Fills {@code columns} from the group's channels, which start at {@code x[xOff]}. */
    static void unfold(float[] x, int xOff, ConvolutionGeometry g, float[] columns) {
        int outWidth = g.outWidth();
        int dst = 0;
        for (int c = 0; c < g.inChannelsPerGroup(); c++) {
            int channel = xOff + c * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int columnShift = j * g.dilationWidth() - g.padLeft();
                    for (int oh = 0; oh < g.outHeight(); oh++, dst += outWidth) {
                        int ih = oh * g.strideHeight() - g.padTop() + i * g.dilationHeight();
                        if (ih < 0 || ih >= g.inHeight()) {
                            Arrays.fill(columns, dst, dst + outWidth, 0f);
                            continue;
                        }
                        int row = channel + ih * g.inWidth();
                        for (int ow = 0; ow < outWidth; ow++) {
                            int iw = ow * g.strideWidth() + columnShift;
                            columns[dst + ow] = iw >= 0 && iw < g.inWidth() ? x[row + iw] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #unfold}: adds every column entry back onto the input position it came from. */
    static void foldAdd(float[] columns, ConvolutionGeometry g, float[] x, int xOff) {
        int outWidth = g.outWidth();
        int src = 0;
        for (int c = 0; c < g.inChannelsPerGroup(); c++) {
            int channel = xOff + c * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int columnShift = j * g.dilationWidth() - g.padLeft();
                    for (int oh = 0; oh < g.outHeight(); oh++, src += outWidth) {
                        int ih = oh * g.strideHeight() - g.padTop() + i * g.dilationHeight();
                        if (ih < 0 || ih >= g.inHeight()) {
                            continue;
                        }
                        int row = channel + ih * g.inWidth();
                        for (int ow = 0; ow < outWidth; ow++) {
                            int iw = ow * g.strideWidth() + columnShift;
                            if (iw >= 0 && iw < g.inWidth()) {
                                x[row + iw] += columns[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
