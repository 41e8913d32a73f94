package dev.nabla.tensor;

import java.util.Arrays;

/**
 * How {@link ConvolutionDirect} lays out one image: the zero-padded input split into phases, so
 * that every line of the unfolded matrix is a shifted window of one buffer. With stride s, phase
 * (a, b) of a channel holds the padded input's rows {@code a, a + s, a + 2s, ...} and columns
 * {@code b, b + s, ...}: kernel tap (i, j) reads phase {@code (i·dilationHeight mod s,
 * j·dilationWidth mod s)} shifted by {@code (⌊i·dilationHeight / s⌋, ⌊j·dilationWidth / s⌋)},
 * with stride 1 inside it. Output (oh, ow) is column {@code oh·phaseWidth + ow} of the product;
 * the columns between output rows are computed and dropped. Stride 1 has one phase, the padded
 * image itself.
 *
 * <p>The taps of one input channel and kernel row that share a phase are a run of lines
 * {@link #step} apart; the unfolded matrix's lines are taken run by run ({@link #order}), so the
 * weight is packed in that order.
 */
final class ConvolutionGrid {
    private final ConvolutionGeometry g;
    /** Rows and columns of one phase. */
    final int phaseHeight;
    final int phaseWidth;
    /** Columns of the product: the phase grid up to the last output. */
    final int columns;
    /** The product's row stride: columns rounded up to whole tiles. */
    final int ld;
    /** Floats of the buffer, with room for the last tile's reads past the last phase. */
    final int size;
    /** Where each run's first line starts in the buffer, and how many lines it has. */
    final int[] starts;
    final int[] counts;
    /** The distance between a run's lines. */
    final int step;
    /** The unfolded matrix's row (c, i, j) that each line of the runs, in turn, is. */
    final int[] order;
    /** Where each line of the runs starts, in turn: the runs written out. */
    final int[] lines;
    /** Where output (oh, ow) reads its first line from, {@code oh·phaseWidth + ow}, in row-major order. */
    final int[] positions;
    /** Which phases any tap reads (the others are not filled). */
    private final boolean[] used;

    ConvolutionGrid(ConvolutionGeometry g, int tileColumns) {
        this.g = g;
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        phaseHeight = g.outHeight() + g.dilationHeight() * (g.kernelHeight() - 1) / sh;
        phaseWidth = g.outWidth() + g.dilationWidth() * (g.kernelWidth() - 1) / sw;
        columns = (g.outHeight() - 1) * phaseWidth + g.outWidth();
        ld = (columns + tileColumns - 1) / tileColumns * tileColumns;
        used = new boolean[sh * sw];
        int[] startList = new int[g.inChannels() * g.kernelHeight() * sw];
        int[] countList = new int[startList.length];
        order = new int[g.columnRows()];
        int runs = 0;
        int line = 0;
        for (int c = 0; c < g.inChannels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                int a = i * g.dilationHeight() % sh;
                int shiftRows = i * g.dilationHeight() / sh;
                for (int b = 0; b < sw; b++) {
                    int count = 0;
                    for (int j = 0; j < g.kernelWidth(); j++) {
                        if (j * g.dilationWidth() % sw != b) {
                            continue;
                        }
                        if (count == 0) {
                            startList[runs] = phaseStart(c, a, b) + shiftRows * phaseWidth + j * g.dilationWidth() / sw;
                            used[a * sw + b] = true;
                        }
                        order[line++] = (c * g.kernelHeight() + i) * g.kernelWidth() + j;
                        count++;
                    }
                    if (count > 0) {
                        countList[runs++] = count;
                    }
                }
            }
        }
        if (singleLines(startList, countList, runs)) {
            // Lines evenly spaced one by one (a 1 × 1 kernel): one run, for the kernel's inner loop.
            starts = new int[] {startList[0]};
            counts = new int[] {runs};
            step = startList[1] - startList[0];
        } else {
            starts = Arrays.copyOf(startList, runs);
            counts = Arrays.copyOf(countList, runs);
            step = g.dilationWidth() / gcd(g.dilationWidth(), sw);
        }
        lines = new int[order.length];
        for (int r = 0, p = 0; r < starts.length; r++) {
            for (int j = 0; j < counts[r]; j++) {
                lines[p++] = starts[r] + j * step;
            }
        }
        positions = new int[g.outPlane()];
        for (int oh = 0, t = 0; oh < g.outHeight(); oh++) {
            for (int ow = 0; ow < g.outWidth(); ow++) {
                positions[t++] = oh * phaseWidth + ow;
            }
        }
        int reach = 0;
        for (int r = 0; r < starts.length; r++) {
            reach = Math.max(reach, starts[r] + (counts[r] - 1) * step);
        }
        size = Math.max(phaseStart(g.inChannels(), 0, 0), reach + ld);
    }

    /** {@link #positions} of {@code images} images whose buffers lie {@link #size} apart, one after another. */
    int[] positions(int images) {
        int plane = positions.length;
        int[] all = new int[images * plane];
        for (int t = 0; t < images; t++) {
            for (int i = 0; i < plane; i++) {
                all[t * plane + i] = t * size + positions[i];
            }
        }
        return all;
    }

    private int phaseStart(int c, int a, int b) {
        return ((c * g.strideHeight() + a) * g.strideWidth() + b) * phaseHeight * phaseWidth;
    }

    /**
     * Channels [from, to) of image n into the buffer from {@code bufferStart}, zeros in the
     * padding; the range that ends the image also zeroes its tail, which the last tile reads.
     */
    void fill(Tensor x, int n, int from, int to, float[] buffer, int bufferStart) {
        float[] values = x.data();
        int sh = g.strideHeight();
        int sw = g.strideWidth();
        for (int c = from; c < to; c++) {
            int source = x.offset() + (n * g.inChannels() + c) * g.inPlane();
            for (int a = 0; a < sh; a++) {
                for (int b = 0; b < sw; b++) {
                    if (!used[a * sw + b]) {
                        continue;
                    }
                    for (int r = 0, at = bufferStart + phaseStart(c, a, b); r < phaseHeight; r++, at += phaseWidth) {
                        int ih = r * sh + a - g.padTop();
                        if (ih < 0 || ih >= g.inHeight()) {
                            Arrays.fill(buffer, at, at + phaseWidth, 0f);
                        } else {
                            fillRow(values, source + ih * g.inWidth(), b, buffer, at);
                        }
                    }
                }
            }
        }
        if (to == g.inChannels()) {
            Arrays.fill(buffer, bufferStart + phaseStart(g.inChannels(), 0, 0), bufferStart + size, 0f);
        }
    }

    /** One row of phase column b: input columns {@code t·stride + b − padLeft}, zero outside the row. */
    private void fillRow(float[] values, int row, int b, float[] buffer, int at) {
        int sw = g.strideWidth();
        // Columns t with 0 ≤ t·sw + b − padLeft < inWidth.
        int first = Math.min(phaseWidth, Math.max(0, (g.padLeft() - b + sw - 1) / sw));
        int end = Math.max(first, Math.min(phaseWidth, (g.inWidth() + g.padLeft() - b + sw - 1) / sw));
        Arrays.fill(buffer, at, at + first, 0f);
        int column = first * sw + b - g.padLeft();
        if (sw == 1) {
            System.arraycopy(values, row + column, buffer, at + first, end - first);
        } else {
            for (int t = first; t < end; t++, column += sw) {
                buffer[at + t] = values[row + column];
            }
        }
        Arrays.fill(buffer, at + end, at + phaseWidth, 0f);
    }

    /** Whether there are several runs, each one line, at a constant positive distance. */
    private static boolean singleLines(int[] starts, int[] counts, int runs) {
        if (runs < 2 || starts[1] <= starts[0]) {
            return false;
        }
        for (int r = 0; r < runs; r++) {
            if (counts[r] != 1 || r > 0 && starts[r] - starts[r - 1] != starts[1] - starts[0]) {
                return false;
            }
        }
        return true;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
