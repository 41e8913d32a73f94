package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.PoolingGeometry;

/**
 * Max and average pooling over {@link PoolingWindows}, plane by plane, through the pooling
 * kernels. Planes are independent and each writes only its own part of the result, so they
 * run in parallel without changing any value.
 */
final class PoolingLoops {

    private PoolingLoops() {
    }

    /**
     * The largest value of each window into {@code y}, and its position within the plane into
     * {@code argmax}. The first largest wins a tie; NaN wins over any number, as in PyTorch.
     */
    static void max(Tensor x, PoolingWindows w, float[] y, int[] argmax) {
        Kernels kernels = KernelProvider.get();
        float[] data = x.data();
        if (w.equalWindows()) {
            maxOfEqualWindows(kernels, x, w, y, argmax);
            return;
        }
        PoolingGeometry geometry = w.geometry();
        forPlanes(w, (start, end) -> kernels.maxPool(geometry, data, x.offset(), start, end, y, argmax));
    }

    /** {@link #max}'s values alone, for inference (no gradient to route). */
    static void maxValues(Tensor x, PoolingWindows w, float[] y) {
        Kernels kernels = KernelProvider.get();
        PoolingGeometry geometry = w.geometry();
        float[] data = x.data();
        forPlanes(w, (start, end) -> kernels.maxPoolValues(geometry, data, x.offset(), start, end, y));
    }

    /**
     * {@link #max} over 2 × 2 windows every 2 positions ({@link PoolingWindows#halving()}), the
     * positions only when {@code argmax} is not null.
     */
    static void maxHalving(Tensor x, PoolingWindows w, float[] y, int[] argmax) {
        Kernels kernels = KernelProvider.get();
        PoolingGeometry geometry = w.geometry();
        float[] data = x.data();
        forPlanes(w, (start, end) -> kernels.maxPoolHalving(geometry, data, x.offset(), start, end, y, argmax));
    }

    /**
     * {@link #max} when every window has the same shape (no padding clips it): the kernel's
     * branch-free loop over a map of window starts and the offsets within a window.
     */
    private static void maxOfEqualWindows(Kernels kernels, Tensor x, PoolingWindows w, float[] y, int[] argmax) {
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
        int inPlane = w.inHeight() * inWidth;
        float[] data = x.data();
        forPlanes(w, (first, end) -> kernels.maxPool(data, x.offset(), inPlane, start, offsets, start.length,
                first, end, y, argmax));
    }

    /** Routes each output gradient to the input position that won its window. */
    static float[] maxBackward(Tensor gy, int[] argmax, PoolingWindows w) {
        Kernels kernels = KernelProvider.get();
        int inPlane = w.inHeight() * w.inWidth();
        int outPlane = w.outHeight() * w.outWidth();
        float[] gx = new float[w.planes() * inPlane];
        float[] gradient = gy.data();
        forPlanes(w, (start, end) -> kernels.maxPoolBackward(gradient, gy.offset(), argmax, inPlane, outPlane,
                start, end, gx));
        return gx;
    }

    /** The sum of each window divided by its count. */
    static float[] average(Tensor x, PoolingWindows w) {
        Kernels kernels = KernelProvider.get();
        PoolingGeometry geometry = w.geometry();
        float[] y = new float[w.planes() * geometry.outPlane()];
        float[] data = x.data();
        forPlanes(w, (start, end) -> kernels.averagePool(geometry, data, x.offset(), start, end, y));
        return y;
    }

    /** Spreads each output gradient, divided by the window's count, over the window. */
    static float[] averageBackward(Tensor gy, PoolingWindows w) {
        Kernels kernels = KernelProvider.get();
        PoolingGeometry geometry = w.geometry();
        float[] gx = new float[w.planes() * geometry.inPlane()];
        float[] gradient = gy.data();
        forPlanes(w, (start, end) -> kernels.averagePoolBackward(geometry, gradient, gy.offset(), start, end, gx));
        return gx;
    }

    /** Enough planes per task that a task does roughly {@link Pointwise#GRAIN} element visits. */
    private static void forPlanes(PoolingWindows w, Parallel.RangeBody body) {
        long perPlane = (long) w.inHeight() * w.inWidth() + (long) w.outHeight() * w.outWidth();
        int grain = (int) Math.max(1, Pointwise.GRAIN / Math.max(1, perPlane));
        Parallel.forChunks(w.planes(), grain, body);
    }
}
