package dev.nabla.tensor;

import dev.nabla.kernels.PoolingGeometry;

/**
 * Where each pooling output looks in its input plane, after the shapes and options have been
 * checked. Output row {@code oh} reads input rows {@code [rowStart[oh], rowEnd[oh])}, output
 * column {@code ow} reads columns {@code [columnStart[ow], columnEnd[ow])}; windows are already
 * clipped to the input, so padding never takes part. An average divides by
 * {@code rowCount[oh] · columnCount[ow]}, which counts padded positions as PyTorch's
 * {@code count_include_pad=True} does. Every leading dimension before the spatial ones is a
 * plane of its own.
 */
record PoolingWindows(int planes, int inHeight, int inWidth, int[] rowStart, int[] rowEnd, int[] rowCount,
                      int[] columnStart, int[] columnEnd, int[] columnCount) {

    int outHeight() {
        return rowStart.length;
    }

    int outWidth() {
        return columnStart.length;
    }

    /** Windows of {@code kernel} positions every {@code stride}, with {@code padding} on both sides; (height, width) pairs. */
    static PoolingWindows sliding(String op, Tensor input, int spatialRank, int[] kernel, int[] stride,
                                  int[] padding) {
        checkRank(op, input, spatialRank);
        for (int i = 0; i < 2; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0) {
                throw new IllegalArgumentException(op + ": kernel size " + pair(kernel, spatialRank) + " and stride "
                        + pair(stride, spatialRank) + " must be at least 1 and padding " + pair(padding, spatialRank)
                        + " at least 0");
            }
            if (padding[i] > kernel[i] / 2) {
                throw new IllegalArgumentException(op + ": padding " + pair(padding, spatialRank)
                        + " must be at most half the kernel size " + pair(kernel, spatialRank));
            }
        }
        int height = spatialRank == 1 ? 1 : input.dim(-2);
        int width = input.dim(-1);
        int outHeight = ConvolutionGeometry.slidingCount(height, padding[0], kernel[0], stride[0]);
        int outWidth = ConvolutionGeometry.slidingCount(width, padding[1], kernel[1], stride[1]);
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " is too small for kernel size "
                    + pair(kernel, spatialRank) + " with padding " + pair(padding, spatialRank)
                    + ": the output size would be " + pair(new int[] {outHeight, outWidth}, spatialRank));
        }
        int[][] rows = slidingRanges(height, outHeight, kernel[0], stride[0], padding[0]);
        int[][] columns = slidingRanges(width, outWidth, kernel[1], stride[1], padding[1]);
        return new PoolingWindows(planes(input, height, width), height, width, rows[0], rows[1], rows[2],
                columns[0], columns[1], columns[2]);
    }

    /** PyTorch's adaptive windows: output i of n reads [floor(i·size/n), ceil((i+1)·size/n)). */
    static PoolingWindows adaptive(String op, Tensor input, int outHeight, int outWidth) {
        checkRank(op, input, 2);
        int height = input.dim(-2);
        int width = input.dim(-1);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException(op + ": output size (" + outHeight + ", " + outWidth
                    + ") must be at least 1");
        }
        if (height == 0 || width == 0) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " has an empty spatial dimension");
        }
        int[][] rows = adaptiveRanges(height, outHeight);
        int[][] columns = adaptiveRanges(width, outWidth);
        return new PoolingWindows(planes(input, height, width), height, width, rows[0], rows[1], rows[2],
                columns[0], columns[1], columns[2]);
    }

    /** The windows of one plane, as the pooling kernels take them. */
    PoolingGeometry geometry() {
        return new PoolingGeometry(inHeight, inWidth, rowStart, rowEnd, rowCount, columnStart, columnEnd, columnCount);
    }

    /** True when the windows are 2 × 2 and every 2 positions, nothing padded: output (oh, ow) reads rows 2oh, 2oh + 1 and columns 2ow, 2ow + 1. */
    boolean halving() {
        return halvingSpans(rowStart, rowEnd) && halvingSpans(columnStart, columnEnd);
    }

    /** The {@link #halving()} windows of a plane of {@code inHeight × inWidth}, as the pooling kernels take them. */
    static PoolingGeometry halvingGeometry(int inHeight, int inWidth) {
        int[][] rows = slidingRanges(inHeight, inHeight / 2, 2, 2, 0);
        int[][] columns = slidingRanges(inWidth, inWidth / 2, 2, 2, 0);
        return new PoolingGeometry(inHeight, inWidth, rows[0], rows[1], rows[2], columns[0], columns[1], columns[2]);
    }

    private static boolean halvingSpans(int[] start, int[] end) {
        for (int o = 0; o < start.length; o++) {
            if (start[o] != 2 * o || end[o] != 2 * o + 2) {
                return false;
            }
        }
        return true;
    }

    /** True when no window is clipped by padding: all have the same height and the same width. */
    boolean equalWindows() {
        return equalSpans(rowStart, rowEnd) && equalSpans(columnStart, columnEnd);
    }

    private static boolean equalSpans(int[] start, int[] end) {
        for (int o = 1; o < start.length; o++) {
            if (end[o] - start[o] != end[0] - start[0]) {
                return false;
            }
        }
        return start.length > 0 && end[0] > start[0];
    }

    /** {@code input}'s shape with the spatial sizes replaced by the output's. */
    Shape outputShape(Tensor input, int spatialRank) {
        int[] dims = input.shape().toArray();
        dims[dims.length - 1] = outWidth();
        if (spatialRank == 2) {
            dims[dims.length - 2] = outHeight();
        }
        return Shape.of(dims);
    }

    private static void checkRank(String op, Tensor input, int spatialRank) {
        if (input.rank() != spatialRank + 1 && input.rank() != spatialRank + 2) {
            String spatial = spatialRank == 1 ? "length" : "height, width";
            throw new IllegalArgumentException(op + ": input " + input.shape() + " must be [batch, channels, "
                    + spatial + "] or [channels, " + spatial + "]");
        }
    }

    private static int planes(Tensor input, int height, int width) {
        return height * width == 0 ? 0 : input.size() / (height * width);
    }

    /** Start, end (both clipped to [0, size]) and divisor count of each sliding window, as PyTorch computes them. */
    private static int[][] slidingRanges(int size, int outSize, int kernel, int stride, int padding) {
        int[][] ranges = new int[3][outSize];
        for (int o = 0; o < outSize; o++) {
            int start = o * stride - padding;
            int end = Math.min(start + kernel, size + padding);
            ranges[2][o] = end - start;
            ranges[0][o] = Math.max(start, 0);
            ranges[1][o] = Math.min(end, size);
        }
        return ranges;
    }

    private static int[][] adaptiveRanges(int size, int outSize) {
        int[][] ranges = new int[3][outSize];
        for (int o = 0; o < outSize; o++) {
            ranges[0][o] = (int) ((long) o * size / outSize);
            ranges[1][o] = (int) (((long) (o + 1) * size + outSize - 1) / outSize);
            ranges[2][o] = ranges[1][o] - ranges[0][o];
        }
        return ranges;
    }

    private static String pair(int[] values, int spatialRank) {
        return spatialRank == 1 ? String.valueOf(values[1]) : "(" + values[0] + ", " + values[1] + ")";
    }
}
