package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;

/**
 * The loops of max and average pooling over {@link PoolingWindows}, plane by plane. Planes
 * are independent and each writes only its own part of the result, so they run in parallel
 * without changing any value.
 */
final class PoolingLoops {

    private PoolingLoops() {
    }

    /**
     * The largest value of each window into {@code y}, and its position within the plane into
     * {@code argmax}. The first largest wins a tie; NaN wins over any number, as in PyTorch.
     */
    static void max(Tensor x, PoolingWindows w, float[] y, int[] argmax) {
        if (w.equalWindows()) {
            maxOfEqualWindows(x, w, y, argmax);
            return;
        }
        int inPlane = w.inHeight() * w.inWidth();
        int inWidth = w.inWidth();
        int outHeight = w.outHeight();
        int outWidth = w.outWidth();
        int[] rowStart = w.rowStart();
        int[] rowEnd = w.rowEnd();
        int[] columnStart = w.columnStart();
        int[] columnEnd = w.columnEnd();
        float[] data = x.data();
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = x.offset() + p * inPlane;
                for (int oh = 0, o = p * outHeight * outWidth; oh < outHeight; oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        int best = rowStart[oh] * inWidth + columnStart[ow];
                        float max = Float.NEGATIVE_INFINITY;
                        for (int ih = rowStart[oh]; ih < rowEnd[oh]; ih++) {
                            for (int iw = columnStart[ow]; iw < columnEnd[ow]; iw++) {
                                float v = data[in + ih * inWidth + iw];
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
        });
    }

    /**
     * {@link #max} when every window has the same shape (no padding clips it): the kernel's
     * branch-free loop over a map of window starts and the offsets within a window.
     */
    private static void maxOfEqualWindows(Tensor x, PoolingWindows w, float[] y, int[] argmax) {
        int inWidth = w.inWidth();
        int outWidth = w.outWidth();
        int[] start = new int[w.outHeight() * outWidth];
        for (int oh = 0, o = 0; oh < w.outHeight(); oh++) {
            for (int ow = 0; ow < outWidth; ow++, o++) {
                start[o] = w.rowStart()[oh] * inWidth + w.columnStart()[ow];
            }
        }
        int windowHeight = w.rowEnd()[0] - w.rowStart()[0];
        int windowWidth = w.columnEnd()[0] - w.columnStart()[0];
        int[] offsets = new int[windowHeight * windowWidth];
        for (int i = 0; i < windowHeight; i++) {
            for (int j = 0; j < windowWidth; j++) {
                offsets[i * windowWidth + j] = i * inWidth + j;
            }
        }
        Kernels kernels = KernelProvider.get();
        int inPlane = w.inHeight() * inWidth;
        float[] data = x.data();
        forPlanes(w, (first, end) -> kernels.maxPool(data, x.offset(), inPlane, start, offsets, start.length,
                first, end, y, argmax));
    }

    /** Routes each output gradient to the input position that won its window. */
    static float[] maxBackward(Tensor gy, int[] argmax, PoolingWindows w) {
        int inPlane = w.inHeight() * w.inWidth();
        int outPlane = w.outHeight() * w.outWidth();
        float[] gx = new float[w.planes() * inPlane];
        float[] gradient = gy.data();
        int gOff = gy.offset();
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    gx[p * inPlane + argmax[o]] += gradient[gOff + o];
                }
            }
        });
        return gx;
    }

    /** The sum of each window divided by its count. */
    static float[] average(Tensor x, PoolingWindows w) {
        int inPlane = w.inHeight() * w.inWidth();
        int outWidth = w.outWidth();
        float[] y = new float[w.planes() * w.outHeight() * outWidth];
        float[] data = x.data();
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = x.offset() + p * inPlane;
                for (int oh = 0, o = p * w.outHeight() * outWidth; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        float sum = 0f;
                        for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                            for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                                sum += data[in + ih * w.inWidth() + iw];
                            }
                        }
                        y[o] = sum / (w.rowCount()[oh] * w.columnCount()[ow]);
                    }
                }
            }
        });
        return y;
    }

    /** Spreads each output gradient, divided by the window's count, over the window. */
    static float[] averageBackward(Tensor gy, PoolingWindows w) {
        int inPlane = w.inHeight() * w.inWidth();
        int outWidth = w.outWidth();
        float[] gx = new float[w.planes() * inPlane];
        float[] gradient = gy.data();
        int gOff = gy.offset();
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = p * inPlane;
                for (int oh = 0, o = p * w.outHeight() * outWidth; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        float share = gradient[gOff + o] / (w.rowCount()[oh] * w.columnCount()[ow]);
                        for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                            for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                                gx[in + ih * w.inWidth() + iw] += share;
                            }
                        }
                    }
                }
            }
        });
        return gx;
    }

    /** Enough planes per task that a task does roughly {@link Pointwise#GRAIN} element visits. */
    private static void forPlanes(PoolingWindows w, Parallel.RangeBody body) {
        long perPlane = (long) w.inHeight() * w.inWidth() + (long) w.outHeight() * w.outWidth();
        int grain = (int) Math.max(1, Pointwise.GRAIN / Math.max(1, perPlane));
        Parallel.forChunks(w.planes(), grain, body);
    }
}
