package dev.nabla.kernels;

/**
 * Where each pooling output looks in its input plane of {@code inHeight × inWidth} values:
 * output row {@code oh} reads input rows {@code [rowStart[oh], rowEnd[oh])}, output column
 * {@code ow} reads columns {@code [columnStart[ow], columnEnd[ow])}, both already clipped to
 * the plane; an average divides by {@code rowCount[oh] · columnCount[ow]}, which may count
 * padded positions. Planes follow one another, {@code inHeight · inWidth} values apart in the
 * input and {@code outHeight · outWidth} apart in the output.
 */
public record PoolingGeometry(int inHeight, int inWidth, int[] rowStart, int[] rowEnd, int[] rowCount,
                              int[] columnStart, int[] columnEnd, int[] columnCount) {

    /** Output rows per plane. */
    public int outHeight() {
        return rowStart.length;
    }

    /** Output columns per plane. */
    public int outWidth() {
        return columnStart.length;
    }

    /** Values per input plane. */
    public int inPlane() {
        return inHeight * inWidth;
    }

    /** Values per output plane. */
    public int outPlane() {
        return outHeight() * outWidth();
    }
}
