package dev.nabla.kernels;

/** The scalar definitions of the clamp, arg-extreme and index kernels. */
final class ScalarIndexing {

    private ScalarIndexing() {
    }

    /** {@link Kernels#clamp}. */
    static void clamp(float[] x, int xOff, float min, float max, float[] out, float[] pass, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = Float.isNaN(v) ? v : Math.min(Math.max(v, min), max);
            pass[outOff + i] = v >= min && v <= max ? 1f : 0f;
        }
    }

    /** {@link Kernels#argMax} and {@link Kernels#argMin}. */
    static int argExtreme(float[] a, int off, int n, boolean largest) {
        int best = 0;
        float bestValue = a[off];
        for (int j = 1; j < n && !Float.isNaN(bestValue); j++) {
            float v = a[off + j];
            if (Float.isNaN(v) || (largest ? v > bestValue : v < bestValue)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    /** {@link Kernels#gather}. */
    static void gather(float[] src, int srcOff, int[] positions, int posOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + positions[posOff + i]];
        }
    }

    /** {@link Kernels#scatterAdd}. */
    static void scatterAdd(float[] src, int srcOff, int[] positions, int posOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + positions[posOff + i]] += src[srcOff + i];
        }
    }

    /** {@link Kernels#copyRows}. */
    static void copyRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(src, srcOff + rows[j] * rowLength, dst, dstOff + j * rowLength, rowLength);
        }
    }

    /** {@link Kernels#addRows}. */
    static void addRows(float[] src, int srcOff, int[] rows, float[] dst, int dstOff, int rowLength) {
        for (int j = 0; j < rows.length; j++) {
            int from = srcOff + j * rowLength;
            int to = dstOff + rows[j] * rowLength;
            for (int q = 0; q < rowLength; q++) {
                dst[to + q] += src[from + q];
            }
        }
    }

    /** {@link Kernels#scaleKept}. */
    static void scaleKept(long[] keep, long firstBit, float scale, float[] x, int off, int n) {
        for (int j = 0; j < n; j++) {
            long bit = firstBit + j;
            x[off + j] = (keep[(int) (bit >>> 6)] & (1L << (bit & 63))) != 0 ? x[off + j] * scale : 0f;
        }
    }

    /** {@link Kernels#dropout}: the mask value is the kept bit times scale, then one multiplication. */
    static void dropout(long state, long threshold, float scale, float[] x, int xOff, float[] mask, float[] out,
                        int off, int n) {
        long z = state;
        for (int j = 0; j < n; j++) {
            long bits = SplitMix64.mix(z += SplitMix64.GAMMA) >>> 40;
            float m = (int) ((bits - threshold) >>> 63) * scale;
            mask[off + j] = m;
            out[off + j] = x[xOff + j] * m;
        }
    }
}
