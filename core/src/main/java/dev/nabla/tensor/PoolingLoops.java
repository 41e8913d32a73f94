package dev.nabla.tensor;

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
        int inPlane = w.inHeight() * w.inWidth();
        int outWidth = w.outWidth();
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = x.offset + p * inPlane;
                for (int oh = 0, o = p * w.outHeight() * outWidth; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        int best = w.rowStart()[oh] * w.inWidth() + w.columnStart()[ow];
                        float max = Float.NEGATIVE_INFINITY;
                        for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                            for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                                float v = x.storage[in + ih * w.inWidth() + iw];
                                if (v > max || Float.isNaN(v)) {
                                    max = v;
                                    best = ih * w.inWidth() + iw;
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

    /** Routes each output gradient to the input position that won its window. */
    static float[] maxBackward(Tensor gy, int[] argmax, PoolingWindows w) {
        int inPlane = w.inHeight() * w.inWidth();
        int outPlane = w.outHeight() * w.outWidth();
        float[] gx = new float[w.planes() * inPlane];
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                for (int o = p * outPlane; o < (p + 1) * outPlane; o++) {
                    gx[p * inPlane + argmax[o]] += gy.storage[gy.offset + o];
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
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = x.offset + p * inPlane;
                for (int oh = 0, o = p * w.outHeight() * outWidth; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        float sum = 0f;
                        for (int ih = w.rowStart()[oh]; ih < w.rowEnd()[oh]; ih++) {
                            for (int iw = w.columnStart()[ow]; iw < w.columnEnd()[ow]; iw++) {
                                sum += x.storage[in + ih * w.inWidth() + iw];
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
        forPlanes(w, (start, end) -> {
            for (int p = start; p < end; p++) {
                int in = p * inPlane;
                for (int oh = 0, o = p * w.outHeight() * outWidth; oh < w.outHeight(); oh++) {
                    for (int ow = 0; ow < outWidth; ow++, o++) {
                        float share = gy.storage[gy.offset + o] / (w.rowCount()[oh] * w.columnCount()[ow]);
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
