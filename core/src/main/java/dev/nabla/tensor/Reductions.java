package dev.nabla.tensor;

import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Parallel;
import java.util.Arrays;

/**
 * Reductions over axes and the softmax family. Values are reduced row by row after the
 * reduced axes are moved last; a single long row is summed in fixed chunks whose partial
 * sums are added in order, so results do not depend on the number of threads.
 */
final class Reductions {

    /** Elements per partial sum when one long row is split across threads. */
    static final int SUM_CHUNK = 1 << 16;

    private Reductions() {
    }

    static int[] allAxes(Tensor t) {
        int[] axes = new int[t.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    /** The reduced axes, non-negative, sorted, without repeats. */
    static int[] normalize(Tensor t, int[] axes) {
        boolean[] seen = new boolean[t.rank()];
        for (int a : axes) {
            seen[t.shape().axis(a)] = true;
        }
        int[] out = new int[t.rank()];
        int n = 0;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The output shape: reduced axes removed, or kept with size 1. */
    static Shape reducedShape(Tensor t, int[] axes, boolean keepDim) {
        int[] dims = t.shape().toArray();
        int[] out = new int[dims.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            boolean reduced = Arrays.binarySearch(axes, i) >= 0;
            if (!reduced) {
                out[n++] = dims[i];
            } else if (keepDim) {
                out[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    /** t with the reduced axes moved last and made contiguous: rows of length R. */
    private static Tensor rowsOf(Tensor t, int[] axes) {
        int[] order = new int[t.rank()];
        int n = 0;
        for (int i = 0; i < t.rank(); i++) {
            if (Arrays.binarySearch(axes, i) < 0) {
                order[n++] = i;
            }
        }
        for (int a : axes) {
            order[n++] = a;
        }
        return Movement.permute(t.detach(), order).floatData();
    }

    private static int rowLength(Tensor t, int[] axes) {
        int r = 1;
        for (int a : axes) {
            r *= t.dim(a);
        }
        return r;
    }

    /** Writes the sum of every row of length r into out. */
    private static void sumRows(Tensor rows, int r, float[] out) {
        Kernels k = KernelProvider.get();
        float[] values = rows.data();
        if (out.length == 1 && r > SUM_CHUNK) {
            float[] partial = new float[Parallel.chunkCount(r, SUM_CHUNK)];
            Parallel.forChunks(r, SUM_CHUNK,
                    (s, e) -> partial[s / SUM_CHUNK] = k.sum(values, rows.offset() + s, e - s));
            float total = 0f;
            for (float p : partial) {
                total += p;
            }
            out[0] = total;
            return;
        }
        Parallel.forChunks(out.length, Math.max(1, Pointwise.GRAIN / Math.max(r, 1)), (s, e) -> {
            for (int i = s; i < e; i++) {
                out[i] = k.sum(values, rows.offset() + i * r, r);
            }
        });
    }

    static Tensor sum(Tensor t, int[] axes, boolean keepDim) {
        int[] ax = normalize(t, axes);
        Shape outShape = reducedShape(t, ax, keepDim);
        float[] out = new float[outShape.size()];
        sumRows(rowsOf(t, ax), rowLength(t, ax), out);
        Shape keptShape = reducedShape(t, ax, true);
        return Autograd.recordComposed("sum", Tensor.wrap(out, outShape, DType.floating(t)),
                g -> new Tensor[] {g.reshape(keptShape.toArray()).expand(t.shape().toArray())}, t);
    }

    static Tensor mean(Tensor t, int[] axes, boolean keepDim) {
        if (t.dtype().isHalf()) { // composed of several ops: computed in float32, rounded once
            return mean(t.to(DType.FLOAT32), axes, keepDim).to(t.dtype());
        }
        int[] ax = normalize(t, axes);
        return sum(t, ax, keepDim).div((float) rowLength(t, ax));
    }

    static Tensor extreme(Tensor t, int[] axes, boolean keepDim, boolean largest) {
        int[] ax = normalize(t, axes);
        int r = rowLength(t, ax);
        if (r == 0) {
            throw new IllegalArgumentException((largest ? "max" : "min") + ": cannot reduce an empty"
                    + " dimension of shape " + t.shape());
        }
        Shape outShape = reducedShape(t, ax, keepDim);
        Tensor rows = rowsOf(t, ax);
        Kernels k = KernelProvider.get();
        float[] out = new float[outShape.size()];
        float[] values = rows.data();
        Parallel.forChunks(out.length, Math.max(1, Pointwise.GRAIN / r), (s, e) -> {
            for (int i = s; i < e; i++) {
                int pos = rows.offset() + i * r;
                out[i] = largest ? k.max(values, pos, r) : k.min(values, pos, r);
            }
        });
        Tensor y = Tensor.wrap(out, outShape, DType.floating(t));
        Shape keptShape = reducedShape(t, ax, true);
        return Autograd.recordComposed(largest ? "max" : "min", y, g -> {
            // The gradient goes to the extreme elements, shared equally between ties.
            Tensor mask = t.eq(y.reshape(keptShape.toArray()));
            Tensor share = mask.div(mask.sum(ax, true));
            return new Tensor[] {share.mul(g.reshape(keptShape.toArray()))};
        }, t);
    }

    static Tensor argExtreme(Tensor t, int axis, boolean keepDim, boolean largest) {
        int a = t.shape().axis(axis);
        int[] ax = {a};
        int r = t.dim(a);
        if (r == 0) {
            throw new IllegalArgumentException((largest ? "argmax" : "argmin") + ": cannot reduce an"
                    + " empty dimension of shape " + t.shape());
        }
        Shape outShape = reducedShape(t, ax, keepDim);
        Tensor rows = rowsOf(t, ax);
        float[] out = new float[outShape.size()];
        float[] values = rows.data();
        Kernels k = KernelProvider.get();
        Parallel.forChunks(out.length, Math.max(1, Pointwise.GRAIN / r), (s, e) -> {
            for (int i = s; i < e; i++) {
                int pos = rows.offset() + i * r;
                out[i] = largest ? k.argMax(values, pos, r) : k.argMin(values, pos, r);
            }
        });
        return Tensor.wrap(out, outShape, DType.INT32);
    }

    static Tensor var(Tensor t, int[] axes, int correction, boolean keepDim) {
        if (t.dtype().isHalf()) { // composed of several ops: computed in float32, rounded once
            return var(t.to(DType.FLOAT32), axes, correction, keepDim).to(t.dtype());
        }
        int[] ax = normalize(t, axes);
        Tensor centered = t.sub(t.mean(ax, true));
        return centered.mul(centered).sum(ax, keepDim).div((float) (rowLength(t, ax) - correction));
    }

    static Tensor logSumExp(Tensor t, int[] axes, boolean keepDim) {
        if (t.dtype().isHalf()) { // composed of several ops: computed in float32, rounded once
            return logSumExp(t.to(DType.FLOAT32), axes, keepDim).to(t.dtype());
        }
        int[] ax = normalize(t, axes);
        Tensor shift;
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor m = t.max(ax, true);
            // An all -inf (or +inf) row would give inf - inf; shifting by 0 there is exact.
            shift = Tensor.where(m.abs().lt(Float.POSITIVE_INFINITY), m, Tensor.scalar(0f));
        }
        Tensor result = t.sub(shift).exp().sum(ax, true).log().add(shift);
        return keepDim ? result : result.reshape(reducedShape(t, ax, false).toArray());
    }

    static Tensor norm(Tensor t, float p, int[] axes, boolean keepDim) {
        if (t.dtype().isHalf()) { // composed of several ops: computed in float32, rounded once
            return norm(t.to(DType.FLOAT32), p, axes, keepDim).to(t.dtype());
        }
        int[] ax = normalize(t, axes);
        if (p == Float.POSITIVE_INFINITY) {
            return t.abs().max(ax, keepDim);
        }
        if (p == 1f) {
            return t.abs().sum(ax, keepDim);
        }
        if (!(p > 0f)) {
            throw new IllegalArgumentException("norm: p must be positive, got " + p);
        }
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = p == 2f ? t.mul(t).sum(ax, true).sqrt() : t.abs().pow(p).sum(ax, true).pow(1f / p);
        }
        // d/dx = sign(x)|x|^(p-1) / norm^(p-1); where the norm (or, for p < 1, x) is 0 this is
        // 0/0, taken as 0 as in PyTorch, so that the norm of a zero vector does not give NaN.
        Tensor zero = Tensor.scalar(0f);
        Tensor norm = Autograd.recordComposed("norm", y, g -> {
            Tensor scale = Tensor.where(y.eq(0f), zero, g.div(y.pow(p - 1f)));
            Tensor direction = p == 2f ? t : Tensor.where(t.eq(0f), zero, t.sign().mul(t.abs().pow(p - 1f)));
            return new Tensor[] {direction.mul(scale)};
        }, t);
        return keepDim ? norm : norm.reshape(reducedShape(t, ax, false).toArray());
    }

    /** softmax or log-softmax of every row along {@code axis}, in parallel; returns the rows in t's layout. */
    private static Tensor alongAxis(Tensor t, int a, boolean log) {
        Tensor rows = t.detach().transpose(a, -1).floatData();
        int r = t.dim(a);
        float[] out = new float[rows.size()];
        float[] values = rows.data();
        int count = r == 0 ? 0 : out.length / r;
        Kernels k = KernelProvider.get();
        Parallel.forChunks(count, Math.max(1, Pointwise.GRAIN / Math.max(r, 1)), (s, e) -> {
            for (int i = s; i < e; i++) {
                if (log) {
                    k.logSoftmax(values, rows.offset() + i * r, r, out, i * r);
                } else {
                    k.softmax(values, rows.offset() + i * r, r, out, i * r);
                }
            }
        });
        return Tensor.wrap(out, rows.shape(), DType.floating(t)).transpose(a, -1);
    }

    static Tensor softmax(Tensor t, int axis) {
        Tensor widened = Autocast.widen(t);
        if (widened != t) {
            return softmax(widened, axis);
        }
        int a = t.shape().axis(axis);
        Tensor y = alongAxis(t, a, false);
        return Autograd.recordComposed("softmax", y,
                g -> new Tensor[] {y.mul(g.sub(g.mul(y).sum(a, true)))}, t);
    }

    static Tensor logSoftmax(Tensor t, int axis) {
        Tensor widened = Autocast.widen(t);
        if (widened != t) {
            return logSoftmax(widened, axis);
        }
        int a = t.shape().axis(axis);
        Tensor y = alongAxis(t, a, true);
        return Autograd.recordComposed("logSoftmax", y,
                g -> new Tensor[] {g.sub(y.exp().mul(g.sum(a, true)))}, t);
    }
}
