package dev.nabla.kernels;

/**
 * The scalar definitions of the pooling kernels over {@link PoolingGeometry} windows (max
 * pooling of equal windows has its own, {@link ScalarKernels#maxPool}).
 */
final class ScalarPooling {

    private ScalarPooling() {
    }

    /** {@link Kernels#maxPool(PoolingGeometry, float[], int, int, int, float[], int[])}. */
    static void max(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y, int[] argmax) {
        int inWidth = w.inWidth();
        int[] rowStart = w.rowStart();
        int[] rowEnd = w.rowEnd();
        int[] columnStart = w.columnStart();
        int[] columnEnd = w.columnEnd();
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            for (int oh = 0, o = p * w.outPlane(); oh < w.outHeight(); oh++) {
                for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                    int best = rowStart[oh] * inWidth + columnStart[ow];
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = rowStart[oh]; ih < rowEnd[oh]; ih++) {
                        for (int iw = columnStart[ow]; iw < columnEnd[ow]; iw++) {
                            float v = x[in + ih * inWidth + iw];
                            if (v > max || v != v) {
                                max = v;
                                best = ih * inWidth + iw;
                            }
                        }
                    }
                    y[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    /** {@link Kernels#maxPoolHalving}: every output row of the planes, one output at a time. */
    static void maxHalving(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y,
                           int[] argmax) {
        int inWidth = w.inWidth();
        for (int p = planeStart; p < planeEnd; p++) {
            for (int oh = 0; oh < w.outHeight(); oh++) {
                int top = xOff + p * w.inPlane() + 2 * oh * inWidth;
                int out = p * w.outPlane() + oh * w.outWidth();
                maxHalving(x, top, inWidth, 0, w.outWidth(), y, out, argmax, 2 * oh * inWidth);
            }
        }
    }

    /**
     * Outputs {@code [from, to)} of one row of 2 × 2 windows: output ow reads {@code x[top + 2ow]},
     * {@code x[top + 2ow + 1]} and the same two of the next row ({@code inWidth} on), in that order,
     * into {@code y[out + ow]}; its position in the plane, {@code rowInPlane + …}, into
     * {@code argmax[out + ow]} when argmax is not null.
     */
    static void maxHalving(float[] x, int top, int inWidth, int from, int to, float[] y, int out, int[] argmax,
                           int rowInPlane) {
        for (int ow = from; ow < to; ow++) {
            int best = 2 * ow;
            float max = x[top + best];
            for (int k = 1; k < 4; k++) {
                int offset = 2 * ow + (k >> 1) * inWidth + (k & 1);   // right, below, diagonal
                float v = x[top + offset];
                if (v > max || v != v) {
                    max = v;
                    best = offset;
                }
            }
            y[out + ow] = max;
            if (argmax != null) {
                argmax[out + ow] = rowInPlane + best;
            }
        }
    }

    /** {@link Kernels#maxPoolValues}: each window scanned in row-major order, the first largest (or last NaN) kept. */
    static void maxValues(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        int inWidth = w.inWidth();
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            for (int oh = 0, o = p * w.outPlane(); oh < w.outHeight(); oh++) {
                for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                        for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                            float v = x[in + ih * inWidth + iw];
                            if (v > max || v != v) {
                                max = v;
                            }
                        }
                    }
                    y[o] = max;
                }
            }
        }
    }

    /** {@link Kernels#maxPoolBackward}. */
    static void maxBackward(float[] gy, int gOff, int[] argmax, int inPlane, int outPlane, int planeStart,
                            int planeEnd, float[] gx) {
        for (int p = planeStart; p < planeEnd; p++) {
            for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                gx[p * inPlane + argmax[o]] += gy[gOff + o];
            }
        }
    }

    /** {@link Kernels#averagePool}. */
    static void average(PoolingGeometry w, float[] x, int xOff, int planeStart, int planeEnd, float[] y) {
        int inWidth = w.inWidth();
        for (int p = planeStart; p < planeEnd; p++) {
            int in = xOff + p * w.inPlane();
            for (int oh = 0, o = p * w.outPlane(); oh < w.outHeight(); oh++) {
                for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                    float sum = 0f;
                    for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                        for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                            sum += x[in + ih * inWidth + iw];
                        }
                    }
                    y[o] = sum / (w.rowCount()[oh] * w.columnCount()[ow]);
                }
            }
        }
    }

    /** {@link Kernels#averagePoolBackward}. */
    static void averageBackward(PoolingGeometry w, float[] gy, int gOff, int planeStart, int planeEnd, float[] gx) {
        int inWidth = w.inWidth();
        for (int p = planeStart; p < planeEnd; p++) {
            int in = p * w.inPlane();
            for (int oh = 0, o = p * w.outPlane(); oh < w.outHeight(); oh++) {
                for (int ow = 0; ow < w.outWidth(); ow++, o++) {
                    float share = gy[gOff + o] / (w.rowCount()[oh] * w.columnCount()[ow]);
                    for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                        for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                            gx[in + ih * inWidth + iw] += share;
                        }
                    }
                }
            }
        }
    }
}
