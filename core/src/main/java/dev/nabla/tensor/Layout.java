package dev.nabla.tensor;

import java.util.Arrays;

/** Strided element access: contiguity, positions, copies between layouts. */
final class Layout {

    private Layout() {
    }

    static boolean isContiguous(Shape shape, int[] strides) {
        int expected = 1;
        int[] dims = shape.dimsUnsafe();
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= dims[i];
        }
        return true;
    }

    /** The storage position of one element, with bounds checks that name the index. */
    static int position(Tensor t, int... index) {
        int[] dims = t.shape().dimsUnsafe();
        if (index.length != dims.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank "
                    + dims.length + " (shape " + t.shape() + ")");
        }
        int pos = t.offset();
        for (int i = 0; i < dims.length; i++) {
            int k = index[i] < 0 ? index[i] + dims[i] : index[i];
            if (k < 0 || k >= dims[i]) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index)
                        + " is out of bounds for shape " + t.shape());
            }
            pos += k * t.stride(i);
        }
        return pos;
    }

    /** The elements in row-major order, as a new array. */
    static float[] toArray(Tensor t) {
        float[] out = new float[t.size()];
        copy(t, out, 0);
        return out;
    }

    /** Copies t's elements in row-major order into dst from dstOff, as float32. */
    static void copy(Tensor t, float[] dst, int dstOff) {
        int n = t.size();
        if (n == 0) {
            return;
        }
        Storage storage = t.storage();
        if (t.isContiguous()) {
            storage.read(t.offset(), dst, dstOff, n);
            return;
        }
        int[] dims = t.shape().dimsUnsafe();
        int rank = dims.length;
        int inner = dims[rank - 1];
        int innerStride = t.stride(rank - 1);
        int[] counter = new int[rank];
        int src = t.offset();
        float[] floats = storage instanceof Storage.FloatStorage f ? f.values() : null;
        for (int out = dstOff; out < dstOff + n; out += inner) {
            if (innerStride == 1) {
                storage.read(src, dst, out, inner);
            } else if (floats != null) {
                for (int j = 0, s = src; j < inner; j++, s += innerStride) {
                    dst[out + j] = floats[s];
                }
            } else {
                for (int j = 0, s = src; j < inner; j++, s += innerStride) {
                    dst[out + j] = storage.get(s);
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                src += t.stride(d);
                if (++counter[d] < dims[d]) {
                    break;
                }
                src -= counter[d] * t.stride(d);
                counter[d] = 0;
            }
        }
    }

    /** Writes src's elements (broadcast to dst's shape) into dst's storage, in place. */
    static void write(Tensor dst, Tensor src) {
        Tensor s = src.shape().equals(dst.shape()) ? src : Movement.broadcastTo(src.detach(), dst.shape());
        float[] values = toArray(s);
        if (dst.isContiguous()) {
            dst.storage().write(values, 0, dst.offset(), values.length);
            return;
        }
        int[] dims = dst.shape().dimsUnsafe();
        int[] counter = new int[dims.length];
        for (int i = 0; i < values.length; i++) {
            int pos = dst.offset();
            for (int d = 0; d < dims.length; d++) {
                pos += counter[d] * dst.stride(d);
            }
            dst.storage().set(pos, values[i]);
            for (int d = dims.length - 1; d >= 0 && ++counter[d] == dims[d]; d--) {
                counter[d] = 0;
            }
        }
    }

    static void assign(Tensor target, Tensor value) {
        if (target.requiresGrad() && NoGrad.isGradEnabled()) {
            throw new IllegalStateException("assign: this tensor requires grad, so an in-place write would"
                    + " corrupt the graph; do it inside try (NoGrad g = NoGrad.enter()) { ... }");
        }
        if (!Shape.broadcast("assign", target.shape(), value.shape()).equals(target.shape())) {
            throw new IllegalArgumentException("assign: a value of shape " + value.shape()
                    + " does not fit a tensor of shape " + target.shape());
        }
        int[] dims = target.shape().dimsUnsafe();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] > 1 && target.stride(d) == 0) {
                throw new IllegalArgumentException("assign: this tensor of shape " + target.shape() + " is an expanded"
                        + " view whose elements share storage; assign to a contiguous() copy instead");
            }
        }
        write(target, value);
    }

    static boolean allClose(Tensor a, Tensor b, float rtol, float atol) {
        Shape shape = Shape.broadcast("allClose", a.shape(), b.shape());
        float[] x = toArray(Movement.broadcastTo(a.detach(), shape));
        float[] y = toArray(Movement.broadcastTo(b.detach(), shape));
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                continue;
            }
            // Unequal values are never close when one is NaN or infinite (as in NumPy's isclose).
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i]) || Math.abs(x[i] - y[i]) > atol + rtol * Math.abs(y[i])) {
                return false;
            }
        }
        return true;
    }
}
