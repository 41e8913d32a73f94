package dev.nabla.tensor;

import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.RowOffsetGemm;

/**
 * {@link ConvolutionDirect}'s product with output positions listed ({@link
 * RowOffsetGemm#multiplyPositions}) instead of read as the phase grid's columns: no column
 * between output rows is computed, which pays on small planes (a 7 × 7 plane spans 61 grid
 * columns, 64 with the last tile), and the product is written as the output's own planes.
 */
final class ConvolutionPositions {

    private ConvolutionPositions() {
    }

    /** Output planes up to this many positions take this path. */
    static final int LARGEST_PLANE = 64;

    /**
     * Whether this path pays: for small output planes, where the phase grid's extra columns and
     * the partial last tile are a large part of the product (a 7 × 7 plane: 61 grid columns, 64
     * computed, 49 kept; so is the GEMM's on an unfolded matrix). On large planes the grid's
     * kernel is faster: its loads are two vectors per line, this one's a scalar per position.
     * Measured on ResNet-18's convolutions at 7 × 7 (docs/performance.md): 2.9 against 3.2 ms
     * for stride 1, 1.5 against 2.2 ms for stride 2 (then against im2col and the GEMM).
     */
    static boolean pays(ConvolutionGeometry g) {
        return g.outPlane() <= LARGEST_PLANE;
    }

    /** Every image's product, handed to the epilogue as the output's planes (row stride outWidth). */
    static void products(Tensor x, Tensor w, ConvolutionGeometry g, ConvolutionGrid grid, RowOffsetGemm gemm,
                         ConvolutionDirect.Epilogue epilogue) {
        int m = g.outChannels();
        int k = g.columnRows();
        int plane = g.outPlane();
        float[] packed = PackedConvolutionWeights.packed(w, m, k, grid.order, true, gemm);
        long work = (long) m * plane * k;
        if (g.batch() >= Parallel.threads() || work <= ConvolutionDirect.SMALL) {
            int group = Math.max(1, Math.min(ConvolutionDirect.ceilDiv(g.batch(), Parallel.threads()),
                    ConvolutionDirect.GROUP_COLUMNS / plane));
            Parallel.forChunks(g.batch(), group, (start, end) -> {
                ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
                int images = end - start;
                float[] padded = workspace.columns(images * grid.size);
                float[] product = workspace.product(images * m * plane);
                for (int t = 0; t < images; t++) {
                    grid.fill(x, start + t, 0, g.inChannels(), padded, t * grid.size);
                }
                int[] positions = images == 1 ? grid.positions : grid.positions(images);
                gemm.multiplyPositions(m, k, packed, padded, 0, grid.lines, positions, product, 0, images * plane,
                        0, m, 0, images * plane);
                for (int t = 0; t < images; t++) {
                    epilogue.apply(product, t * plane, images * plane, g.outWidth(), start + t, 0, m);
                }
            });
            return;
        }
        ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
        float[] padded = workspace.columns(grid.size);
        float[] product = workspace.product(m * plane);
        int threads = Parallel.threads();
        int panels = ConvolutionDirect.ceilDiv(m, gemm.panelChannels());
        int tiles = ConvolutionDirect.ceilDiv(plane, 7);
        boolean byPositions = tiles >= panels; // else each strip finishes its own channels
        int parts = byPositions ? tiles : panels;
        int perStrip = ConvolutionDirect.ceilDiv(parts, Math.min(parts, 2 * threads));
        for (int n = 0; n < g.batch(); n++) {
            int image = n;
            ConvolutionDirect.split(work, ConvolutionDirect.ceilDiv(g.inChannels(), 2 * threads), g.inChannels(),
                    (from, to) -> grid.fill(x, image, from, to, padded, 0));
            ConvolutionDirect.split(work, perStrip, parts, (first, end) -> {
                if (byPositions) {
                    gemm.multiplyPositions(m, k, packed, padded, 0, grid.lines, grid.positions, product, 0, plane,
                            0, m, first * 7, Math.min(plane, end * 7));
                } else {
                    int from = first * gemm.panelChannels();
                    int to = Math.min(m, end * gemm.panelChannels());
                    gemm.multiplyPositions(m, k, packed, padded, 0, grid.lines, grid.positions, product, 0, plane,
                            from, to, 0, plane);
                    epilogue.apply(product, 0, plane, g.outWidth(), image, from, to);
                }
            });
            if (byPositions) {
                ConvolutionDirect.split(work, Math.max(1, ConvolutionDirect.ceilDiv(m, 2 * threads)), m,
                        (from, to) -> epilogue.apply(product, 0, plane, g.outWidth(), image, from, to));
            }
        }
    }
}
