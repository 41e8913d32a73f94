package dev.nabla.kernels;

/**
 * A matrix product whose second operand is read in place from one array, in runs of lines: the
 * lines of run q are the floats of {@code x} from {@code xOff + starts[q]}, {@code xOff + starts[q]
 * + step}, ... ({@code counts[q]} lines), and B's lines are the runs' lines in turn. A
 * convolution is such a product over its zero-padded input (an implicit GEMM): the taps
 * (c, i, 0..kernelWidth−1) of a stride-1 convolution read the padded image from
 * {@code c·plane + i·dilation·width} on, {@code dilation} apart, so no column matrix is written
 * and packed. The first operand is packed once ({@link #pack}) and may be kept across calls.
 *
 * <p>Each element of C is summed over k in order by fused multiply-adds from zero, as {@link
 * Kernels#gemm} sums a product of depth up to 1024 (deeper ones it sums in slices of that depth).
 * How an element is summed does not depend on the rows and columns asked for, so splitting C
 * between threads or calls changes nothing.
 */
public interface RowOffsetGemm {

    /** Rows of C computed together; {@code rowFrom} of {@link #multiply} is a multiple of it. */
    int tileRows();

    /**
     * Columns of C computed together: {@link #multiply} reads B a whole tile at a time, up to
     * {@code tileColumns() − 1} columns past {@code colTo}, so x must reach that far.
     */
    int tileColumns();

    /** Floats of an m × k matrix's packed form. */
    int packedSize(int m, int k);

    /**
     * Packs A for {@link #multiply}: the m × k matrix whose column p is column {@code order[p]}
     * of the row-major matrix at {@code aOff} (rows {@code lda} apart).
     */
    void pack(float[] a, int aOff, int lda, int m, int k, int[] order, float[] packed);

    /**
     * {@code C[i, j] = Σ_p A[i, p]·B[p, j]} for rows [rowFrom, rowTo) and columns [colFrom, colTo)
     * of C, row i at {@code cOff + i·ldc}; A (m × k, k the sum of counts) as {@link #pack} left
     * it, B's lines as the class describes. Done for {@code images} such products at once, the
     * t-th with x from {@code xOff + t·xStride} and C from {@code cOff + t·cStride} (A is read
     * once for all). On the calling thread: callers split C between threads.
     */
    void multiply(int m, float[] packed, float[] x, int xOff, int[] starts, int[] counts, int step,
                  float[] c, int cOff, int ldc, int rowFrom, int rowTo, int colFrom, int colTo,
                  int images, int xStride, int cStride);

    /**
     * Channels computed together by {@link #multiplyPositions}; its {@code rowFrom} is a
     * multiple of it.
     */
    int panelChannels();

    /** Positions computed together by {@link #multiplyPositions}. */
    int panelPositions();

    /** Floats of an m × k matrix packed for {@link #multiplyPositions}. */
    int packedChannelsSize(int m, int k);

    /** Packs A as {@link #pack} does, for {@link #multiplyPositions}. */
    void packChannels(float[] a, int aOff, int lda, int m, int k, int[] order, float[] packed);

    /**
     * The same product with B's columns listed: {@code C[i, t] = Σ_p A[i, p]·x[xOff + positions[t]
     * + lines[p]]} for rows [rowFrom, rowTo) and columns t in [from, to), row i of C at
     * {@code cOff + i·ldc}; A (m × k) as {@link #packChannels} left it, {@code lines[p]} the start
     * of B's line p. Columns are taken in small groups of any positions, so none is computed
     * in vain; each element is summed as {@link #multiply} sums it, bit for bit.
     */
    void multiplyPositions(int m, int k, float[] packed, float[] x, int xOff, int[] lines, int[] positions,
                           float[] c, int cOff, int ldc, int rowFrom, int rowTo, int from, int to);
}
