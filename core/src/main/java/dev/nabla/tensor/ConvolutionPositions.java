package dev.nabla.tensor;

import dev.nabla.kernels.RowOffsetGemm;

/**
 * {@link ConvolutionDirect}'s product with output positions listed ({@link
 * RowOffsetGemm#multiplyPositions}) instead of read as the phase grid's columns: no column
 * between output rows is computed, which pays on small planes (a 7 × 7 plane spans 61 grid
 * columns, 64 with the last tile), and the product is written as the output's own planes.
 */
final class ConvolutionPositions implements ConvolutionDirect.Form {
    /** Output planes up to this many positions take this path. */
    static final int LARGEST_PLANE = 64;

    private final int m;
    private final int k;
    private final int plane;
    private final int outWidth;
    private final ConvolutionGrid grid;
    private final RowOffsetGemm gemm;
    private final float[] packed;

    ConvolutionPositions(ConvolutionGeometry g, Tensor w, ConvolutionGrid grid, RowOffsetGemm gemm) {
        this.m = g.outChannels();
        this.k = g.columnRows();
        this.plane = g.outPlane();
        this.outWidth = g.outWidth();
        this.grid = grid;
        this.gemm = gemm;
        this.packed = PackedConvolutionWeights.packed(w, m, k, grid.order, true, gemm);
    }

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

    @Override
    public int rowTile() {
        return gemm.panelChannels();
    }

    @Override
    public int columnTile() {
        return gemm.panelPositions();
    }

    @Override
    public int columns() {
        return plane;
    }

    @Override
    public int size() {
        return m * plane;
    }

    /** Images side by side in each row: the output's planes, {@code images·plane} apart. */
    @Override
    public int ld(int images) {
        return images * plane;
    }

    @Override
    public int imageStart(int t, int images) {
        return t * plane;
    }

    @Override
    public int rowWidth() {
        return outWidth;
    }

    @Override
    public void multiply(float[] padded, float[] product, int images, int rowFrom, int rowTo, int colFrom, int colTo) {
        // Several images' positions in one table, so that a block of positions may span images.
        int[] positions = images == 1 ? grid.positions : grid.positions(images);
        gemm.multiplyPositions(m, k, packed, padded, 0, grid.lines, positions, product, 0, ld(images), rowFrom, rowTo,
                colFrom, (images - 1) * plane + colTo);
    }
}
