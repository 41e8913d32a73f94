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
