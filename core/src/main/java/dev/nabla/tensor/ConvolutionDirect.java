package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.RowOffsetGemm;

/**
 * The product of a convolution without a column matrix ({@link RowOffsetGemm}, an implicit
 * GEMM): each image is copied once into a zero-padded buffer split into phases ({@link
 * ConvolutionGrid}), in which every line of its unfolded matrix is a window, and the product is
 * formed on the phase grid; the epilogue drops the columns between output rows as it writes the
 * output. im2col wrote and the GEMM then packed the unfolded matrix, nine times the input for a
 * 3 × 3 kernel, and at batch 1 one thread did so while the other waited. Taken for stride 1,
 * and for stride 2 with kernels of width 5 or more (a stem's 7 × 7) or small outputs: runs of
 * one or two lines, as stride 2 makes of a 3 × 3 kernel, are slower than the GEMM's packed
 * panels, except when listing the outputs ({@link ConvolutionPositions}) saves the GEMM's
 * partial tiles.
 *
 * <p>Every element is summed the same way whatever the batch and the thread count. The weight
 * is packed once per call on the calling thread, and kept packed between calls made without
 * gradients ({@link PackedConvolutionWeights}). Images are shared between threads, several to a
 * task when they are small; a single image (more threads than images) is cut into strips of
 * rows or columns as the GEMM cuts its products.
 */
final class ConvolutionDirect {
    /** Products of at most this many multiply-adds stay on the caller's thread (as in the GEMM). */
    static final long SMALL = 64L * 64 * 64;
    /** Products of at most this many are split only when the other threads are awake. */
    static final long MEDIUM = 256L * 256 * 256;
    /** Product columns a task takes at least, in whole images, when there are images enough. */
    static final int GROUP_COLUMNS = 1024;

    private ConvolutionDirect() {
    }

    /**
     * What becomes of output channels [from, to) of one image's product, laid out on the phase
     * grid from {@code start}, channel c's row at {@code start + c·ld}.
     */
    interface Epilogue {
        void apply(float[] product, int start, int ld, int phaseWidth, int image, int from, int to);
    }

    /** Whether a convolution of this geometry, with this weight, takes this path. */
    static boolean applies(ConvolutionGeometry g, Tensor w, Kernels kernels) {
        return kernels.rowOffsetGemm() != null && g.groups() == 1
                && (g.strideHeight() == 1 && g.strideWidth() == 1 || g.strideHeight() == 2 && g.strideWidth() == 2
                    && (g.kernelWidth() >= 5 || ConvolutionPositions.pays(g)))
                && w.storage() instanceof Storage.FloatStorage && g.batch() > 0 && g.outChannels() > 0
                && g.outHeight() > 0 && g.outWidth() > 0 && g.columnRows() > 0;
    }

    /** Every image's product {@code w · unfold(x)}, handed to {@code epilogue}. */
    static void products(Tensor x, Tensor w, ConvolutionGeometry g, Epilogue epilogue) {
        RowOffsetGemm gemm = KernelProvider.get().rowOffsetGemm();
        int m = g.outChannels();
        int k = g.columnRows();
        ConvolutionGrid grid = new ConvolutionGrid(g, gemm.tileColumns());
        if (ConvolutionPositions.pays(g)) {
            ConvolutionPositions.products(x, w, g, grid, gemm, epilogue);
            return;
        }
        float[] packed = PackedConvolutionWeights.packed(w, m, k, grid.order, false, gemm);
        long work = (long) m * grid.columns * k;
        if (g.batch() >= Parallel.threads() || work <= SMALL) {
            // Small images go several to a task, so that a deep weight is read once for all of them.
            int group = Math.max(1, Math.min(ceilDiv(g.batch(), Parallel.threads()), GROUP_COLUMNS / grid.ld));
            Parallel.forChunks(g.batch(), group, (start, end) -> {
                ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
                int images = end - start;
                float[] padded = workspace.columns(images * grid.size);
                float[] product = workspace.product(images * m * grid.ld);
                for (int t = 0; t < images; t++) {
                    grid.fill(x, start + t, 0, g.inChannels(), padded, t * grid.size);
                }
                gemm.multiply(m, packed, padded, 0, grid.starts, grid.counts, grid.step, product, 0, grid.ld,
                        0, m, 0, grid.columns, images, grid.size, m * grid.ld);
                for (int t = 0; t < images; t++) {
                    epilogue.apply(product, t * m * grid.ld, grid.ld, grid.phaseWidth, start + t, 0, m);
                }
            });
            return;
        }
        ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
        float[] padded = workspace.columns(grid.size);
        float[] product = workspace.product(m * grid.ld);
        int rowTiles = ceilDiv(m, gemm.tileRows());
        int colTiles = grid.ld / gemm.tileColumns();
        // Strips of columns share the rows' lines of the image in cache; strips of rows (output
        // channels) also finish their channels, so the epilogue needs no pass of its own.
        boolean byColumns = colTiles >= rowTiles;
        int tiles = byColumns ? colTiles : rowTiles;
        int perStrip = ceilDiv(tiles, Math.min(tiles, 2 * Parallel.threads()));
        int channelGrain = Math.max(1, ceilDiv(m, 2 * Parallel.threads()));
        for (int n = 0; n < g.batch(); n++) {
            int image = n;
            split(work, ceilDiv(g.inChannels(), 2 * Parallel.threads()), g.inChannels(),
                    (from, to) -> grid.fill(x, image, from, to, padded, 0));
            split(work, perStrip, tiles, (first, end) -> {
                if (byColumns) {
                    gemm.multiply(m, packed, padded, 0, grid.starts, grid.counts, grid.step, product, 0, grid.ld, 0, m,
                            first * gemm.tileColumns(), Math.min(grid.columns, end * gemm.tileColumns()), 1, 0, 0);
                } else {
                    int from = first * gemm.tileRows();
                    int to = Math.min(m, end * gemm.tileRows());
                    gemm.multiply(m, packed, padded, 0, grid.starts, grid.counts, grid.step, product, 0, grid.ld,
                            from, to, 0, grid.columns, 1, 0, 0);
                    epilogue.apply(product, 0, grid.ld, grid.phaseWidth, image, from, to);
                }
            });
            if (byColumns) {
                split(work, channelGrain, m,
                        (from, to) -> epilogue.apply(product, 0, grid.ld, grid.phaseWidth, image, from, to));
            }
        }
    }

    /** Parallel.forChunks, or forChunksIfAwake for a product of medium size (see VectorGemm.MEDIUM). */
    static void split(long work, int grain, int n, Parallel.RangeBody body) {
        if (work <= MEDIUM) {
            Parallel.forChunksIfAwake(n, grain, body);
        } else {
            Parallel.forChunks(n, grain, body);
        }
    }

    static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
