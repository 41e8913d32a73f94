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

    /**
     * How the product is laid out and computed: on the phase grid ({@link Windows}) or with its
     * output positions listed ({@link ConvolutionPositions}). Columns are one image's; a product
     * of several images puts image t's rows from {@link #imageStart}, {@link #ld} apart.
     */
    interface Form {
        /** Rows (output channels) and columns computed together. */
        int rowTile();

        int columnTile();

        /** Columns of one image's product that are computed. */
        int columns();

        /** Floats of one image's product, all rows. */
        int size();

        /** The row stride of a product of {@code images} images. */
        int ld(int images);

        int imageStart(int t, int images);

        /** The distance between output rows within a product row. */
        int rowWidth();

        /**
         * Rows [rowFrom, rowTo) and columns [colFrom, colTo) of the product of {@code images}
         * images whose padded copies lie {@link ConvolutionGrid#size} apart; with several images,
         * all columns.
         */
        void multiply(float[] padded, float[] product, int images, int rowFrom, int rowTo, int colFrom, int colTo);
    }

    /** Every image's product {@code w · unfold(x)}, handed to {@code epilogue}. */
    static void products(Tensor x, Tensor w, ConvolutionGeometry g, Epilogue epilogue) {
        RowOffsetGemm gemm = KernelProvider.get().rowOffsetGemm();
        int m = g.outChannels();
        ConvolutionGrid grid = new ConvolutionGrid(g, gemm.tileColumns());
        Form form = ConvolutionPositions.pays(g) ? new ConvolutionPositions(g, w, grid, gemm)
                : new Windows(g, w, grid, gemm);
        long work = (long) m * form.columns() * g.columnRows();
        int threads = Parallel.threads();
        if (g.batch() >= threads || work <= SMALL) {
            // Small images go several to a task, so that a deep weight is read once for all of them.
            int group = Math.max(1, Math.min(ceilDiv(g.batch(), threads), GROUP_COLUMNS / (form.size() / m)));
            Parallel.forChunks(g.batch(), group, (start, end) -> {
                ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
                int images = end - start;
                float[] padded = workspace.columns(images * grid.size);
                float[] product = workspace.product(images * form.size());
                for (int t = 0; t < images; t++) {
                    grid.fill(x, start + t, 0, g.inChannels(), padded, t * grid.size);
                }
                form.multiply(padded, product, images, 0, m, 0, form.columns());
                for (int t = 0; t < images; t++) {
                    epilogue.apply(product, form.imageStart(t, images), form.ld(images), form.rowWidth(), start + t,
                            0, m);
                }
            });
            return;
        }
        ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
        float[] padded = workspace.columns(grid.size);
        float[] product = workspace.product(form.size());
        int rowTiles = ceilDiv(m, form.rowTile());
        int colTiles = ceilDiv(form.columns(), form.columnTile());
        // Strips of columns share the rows' lines of the image in cache; strips of rows (output
        // channels) also finish their channels, so the epilogue needs no pass of its own.
        boolean byColumns = colTiles >= rowTiles;
        int tiles = byColumns ? colTiles : rowTiles;
        int perStrip = ceilDiv(tiles, Math.min(tiles, 2 * threads));
        for (int n = 0; n < g.batch(); n++) {
            int image = n;
            split(work, ceilDiv(g.inChannels(), 2 * threads), g.inChannels(),
                    (from, to) -> grid.fill(x, image, from, to, padded, 0));
            split(work, perStrip, tiles, (first, end) -> {
                if (byColumns) {
                    form.multiply(padded, product, 1, 0, m, first * form.columnTile(),
                            Math.min(form.columns(), end * form.columnTile()));
                } else {
                    int from = first * form.rowTile();
                    int to = Math.min(m, end * form.rowTile());
                    form.multiply(padded, product, 1, from, to, 0, form.columns());
                    epilogue.apply(product, 0, form.ld(1), form.rowWidth(), image, from, to);
                }
            });
            if (byColumns) {
                split(work, Math.max(1, ceilDiv(m, 2 * threads)), m,
                        (from, to) -> epilogue.apply(product, 0, form.ld(1), form.rowWidth(), image, from, to));
            }
        }
    }

    /** The product on the phase grid ({@link RowOffsetGemm#multiply}): images stacked, rows {@code grid.ld} apart. */
    private static final class Windows implements Form {
        private final int m;
        private final ConvolutionGrid grid;
        private final RowOffsetGemm gemm;
        private final float[] packed;

        Windows(ConvolutionGeometry g, Tensor w, ConvolutionGrid grid, RowOffsetGemm gemm) {
            this.m = g.outChannels();
            this.grid = grid;
            this.gemm = gemm;
            this.packed = PackedConvolutionWeights.packed(w, m, g.columnRows(), grid.order, false, gemm);
        }

        @Override
        public int rowTile() {
            return gemm.tileRows();
        }

        @Override
        public int columnTile() {
            return gemm.tileColumns();
        }

        @Override
        public int columns() {
            return grid.columns;
        }

        @Override
        public int size() {
            return m * grid.ld;
        }

        @Override
        public int ld(int images) {
            return grid.ld;
        }

        @Override
        public int imageStart(int t, int images) {
            return t * size();
        }

        @Override
        public int rowWidth() {
            return grid.phaseWidth;
        }

        @Override
        public void multiply(float[] padded, float[] product, int images, int rowFrom, int rowTo, int colFrom,
                             int colTo) {
            gemm.multiply(m, packed, padded, 0, grid.starts, grid.counts, grid.step, product, 0, grid.ld,
                    rowFrom, rowTo, colFrom, colTo, images, grid.size, size());
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
