package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RowOffsetGemm}: the product with B's lines read in place, against gemm on B written out. */
class RowOffsetGemmTest {

    /** Runs of lines as a 3 × 3 stride-1 convolution over a padded 6 × 7 image of c channels makes them. */
    private static int[] starts(int channels) {
        int[] starts = new int[channels * 3];
        for (int c = 0, q = 0; c < channels; c++) {
            for (int i = 0; i < 3; i++) {
                starts[q++] = c * 42 + i * 7;
            }
        }
        return starts;
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /** B written out: line p (run q, j-th line) is x from starts[q] + j·step, n columns. */
    private static float[] unfolded(float[] x, int[] starts, int[] counts, int step, int n) {
        int k = 0;
        for (int count : counts) {
            k += count;
        }
        float[] b = new float[k * n];
        for (int q = 0, p = 0; q < starts.length; q++) {
            for (int j = 0; j < counts[q]; j++, p++) {
                System.arraycopy(x, starts[q] + j * step, b, p * n, n);
            }
        }
        return b;
    }

    private static int[] identity(int k) {
        int[] order = new int[k];
        for (int p = 0; p < k; p++) {
            order[p] = p;
        }
        return order;
    }

    @Test
    void equalsGemmOnTheUnfoldedMatrixBitForBit() {
        Kernels kernels = KernelProvider.get();
        RowOffsetGemm gemm = kernels.rowOffsetGemm();
        assertNotNull(gemm, "the vector kernels have the product");
        Random random = new Random(3);
        // Rows and columns that fill whole tiles and that do not; depth up to 90 (30 runs of 3).
        for (int m : new int[] {1, 8, 13, 40}) {
            for (int channels : new int[] {1, 10}) {
                int[] starts = starts(channels);
                int[] counts = new int[starts.length];
                java.util.Arrays.fill(counts, 3);
                int k = 3 * starts.length;
                int n = 5 * 7 + 5; // up to the last output of a 6 × 7 grid, less the border
                float[] a = random(random, m * k);
                float[] x = random(random, channels * 42 + 2 * gemm.tileColumns() + 64);
                float[] expected = new float[m * n];
                kernels.gemm(false, false, m, n, k, 1f, a, 0, k, unfolded(x, starts, counts, 1, n), 0, n, 0f,
                        expected, 0, n);
                float[] packed = new float[gemm.packedSize(m, k)];
                gemm.pack(a, 0, k, m, k, identity(k), packed);
                float[] c = new float[m * n];
                gemm.multiply(m, packed, x, 0, starts, counts, 1, c, 0, n, 0, m, 0, n, 1, 0, 0);
                assertArrayEquals(expected, c, "m=" + m + " k=" + k);
            }
        }
    }

    @Test
    void partsAndImagesEqualTheWhole() {
        RowOffsetGemm gemm = KernelProvider.get().rowOffsetGemm();
        Random random = new Random(4);
        int m = 21;
        int[] starts = {0, 50, 100, 150, 200};
        int[] counts = {2, 1, 2, 1, 2}; // uneven runs, as stride 2 makes them
        int k = 8;
        int n = 3 * gemm.tileColumns() + 5;
        int xStride = 200 + n + 2 * gemm.tileColumns();
        float[] a = random(random, m * k);
        // Columns of A in another order: packed column p is column order[p].
        int[] order = {7, 0, 6, 1, 5, 2, 4, 3};
        float[] packed = new float[gemm.packedSize(m, k)];
        gemm.pack(a, 0, k, m, k, order, packed);
        float[] reordered = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                reordered[i * k + p] = a[i * k + order[p]];
            }
        }
        float[] x = random(random, 2 * xStride);
        float[] whole = new float[2 * m * n];
        gemm.multiply(m, packed, x, 0, starts, counts, 1, whole, 0, n, 0, m, 0, n, 2, xStride, m * n);
        for (int image = 0; image < 2; image++) {
            float[] expected = new float[m * n];
            KernelProvider.get().gemm(false, false, m, n, k, 1f, reordered, 0, k,
                    unfolded(java.util.Arrays.copyOfRange(x, image * xStride, (image + 1) * xStride), starts, counts,
                            1, n), 0, n, 0f, expected, 0, n);
            float[] one = new float[m * n];
            // Rows split at a tile boundary, columns at another.
            int rowSplit = gemm.tileRows();
            int columnSplit = gemm.tileColumns();
            gemm.multiply(m, packed, x, image * xStride, starts, counts, 1, one, 0, n, 0, rowSplit, 0, n, 1, 0, 0);
            gemm.multiply(m, packed, x, image * xStride, starts, counts, 1, one, 0, n, rowSplit, m, 0, columnSplit,
                    1, 0, 0);
            gemm.multiply(m, packed, x, image * xStride, starts, counts, 1, one, 0, n, rowSplit, m, columnSplit, n,
                    1, 0, 0);
            assertArrayEquals(expected, one, 1e-5f, "image " + image + " against gemm");
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, image * m * n, (image + 1) * m * n), one,
                    "image " + image + " in parts and with the other image");
        }
    }

    @Test
    void listedPositionsSumAsTheRunsDo() {
        RowOffsetGemm gemm = KernelProvider.get().rowOffsetGemm();
        Random random = new Random(5);
        int m = 45; // a partial panel of channels
        int[] starts = starts(4);
        int[] counts = new int[starts.length];
        java.util.Arrays.fill(counts, 3);
        int k = 3 * starts.length;
        int n = 5 * 7 + 5;
        float[] a = random(random, m * k);
        float[] x = random(random, 4 * 42 + 2 * gemm.tileColumns() + 64);
        float[] packed = new float[gemm.packedSize(m, k)];
        gemm.pack(a, 0, k, m, k, identity(k), packed);
        float[] byRuns = new float[m * n];
        gemm.multiply(m, packed, x, 0, starts, counts, 1, byRuns, 0, n, 0, m, 0, n, 1, 0, 0);
        // Every column listed, and a few in another order, which must land in their own places.
        int[] lines = new int[k];
        for (int q = 0, p = 0; q < starts.length; q++) {
            for (int j = 0; j < 3; j++) {
                lines[p++] = starts[q] + j;
            }
        }
        int[] positions = new int[n];
        for (int t = 0; t < n; t++) {
            positions[t] = t;
        }
        float[] channelsPacked = new float[gemm.packedChannelsSize(m, k)];
        gemm.packChannels(a, 0, k, m, k, identity(k), channelsPacked);
        float[] listed = new float[m * n];
        int split = 3 * gemm.panelChannels() > m ? gemm.panelChannels() : 0;
        gemm.multiplyPositions(m, k, channelsPacked, x, 0, lines, positions, listed, 0, n, 0, split, 0, 11);
        gemm.multiplyPositions(m, k, channelsPacked, x, 0, lines, positions, listed, 0, n, split, m, 0, 11);
        gemm.multiplyPositions(m, k, channelsPacked, x, 0, lines, positions, listed, 0, n, 0, m, 11, n);
        assertArrayEquals(byRuns, listed, "listed positions, bit for bit");
    }
}
